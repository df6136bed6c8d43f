package dev.qwenwb.inference.prompt;

/** The global functions that Hugging Face provides to chat templates, as static methods for Jinjava. */
final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /**
     * {@code raise_exception(message)}: a template's way to refuse its input (for example, roles that do
     * not alternate). Always throws.
     *
     * @param message the template's reason
     * @return never returns
     */
    public static Object raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** Thrown by {@code raise_exception}; its message is the template's own. */
    static final class TemplateRaisedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
