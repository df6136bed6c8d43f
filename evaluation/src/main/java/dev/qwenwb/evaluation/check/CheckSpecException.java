package dev.qwenwb.evaluation.check;

/** A check whose options in a suite are wrong: the message names the file, the line and the option. */
public final class CheckSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CheckSpecException(String message) {
        super(message);
    }
}
