package dev.qwenwb.inference.prompt;

/**
 * A chat template could not be read or failed to render (syntax error, {@code raise_exception}, over its budget); the
 * message names the file it came from and says why. Bad input, as a user's file is: exit code 2, HTTP 400.
 */
public class ChatTemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given explanation. */
    public ChatTemplateException(String message) {
        super(message);
    }

    /** An exception with the given explanation and underlying cause. */
    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
