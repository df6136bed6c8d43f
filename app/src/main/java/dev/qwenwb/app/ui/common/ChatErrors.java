package dev.qwenwb.app.ui.common;

import dev.qwenwb.inference.generate.PromptTooLongException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One readable line for an error shown in the chat. */
public final class ChatErrors {

    private ChatErrors() {
    }

    /** The innermost useful message of {@code e}. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (t instanceof PromptTooLongException) {
            return "The context is full: " + m + ". Start a new conversation or lower max tokens.";
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
