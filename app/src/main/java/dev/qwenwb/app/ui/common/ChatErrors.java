package dev.qwenwb.app.ui.common;

import dev.qwenwb.inference.generate.PromptTooLongException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One readable line for an error shown in the window: the innermost message (an engine's or a file's own line, in
 * English: it names files and fields), framed in the UI's language where the framing is ours.
 */
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
            return I18n.t("error.unknown");
        }
        String m = t.getMessage();
        if (t instanceof PromptTooLongException) {
            return I18n.t("error.contextFull", m);
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
