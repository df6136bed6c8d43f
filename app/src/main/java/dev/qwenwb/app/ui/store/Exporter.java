package dev.qwenwb.app.ui.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;

/** A conversation as Markdown (for reading) or JSON (the saved form). */
public final class Exporter {

    private Exporter() {
    }

    /** Markdown: a heading per message, the shown version's text. */
    public static String markdown(Conversation c) {
        StringBuilder sb = new StringBuilder("# ").append(c.title()).append("\n\n");
        for (StoredMessage m : c.messages()) {
            sb.append("## ").append("user".equals(m.role()) ? "User" : "Assistant").append("\n\n");
            sb.append(m.current().text().strip()).append("\n\n");
        }
        return sb.toString();
    }

    /** The JSON the store writes. */
    public static String json(Conversation c) {
        try {
            return ConversationStore.JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
