package dev.qwenwb.evaluation.suite;

/** A suite that cannot be loaded; the message names the file and, where known, the line. */
public final class SuiteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, starting with {@code file:line:} */
    public SuiteException(String message) {
        super(message);
    }
}
