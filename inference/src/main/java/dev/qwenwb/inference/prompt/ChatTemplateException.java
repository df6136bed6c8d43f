package dev.qwenwb.inference.prompt;

/** A chat template could not be read or failed to render; the message says which and why. */
public class ChatTemplateException extends RuntimeException {

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
