package dev.qwenwb.app.ui.store;

import java.util.List;

/**
 * A saved conversation: what the JSON file under {@code conversations/} holds.
 *
 * @param id        file name stem, stable for the conversation's life
 * @param title     shown in the list (renamable)
 * @param created   epoch ms
 * @param updated   epoch ms of the last change
 * @param settings  generation settings
 * @param messages  messages, oldest first
 */
public record Conversation(String id, String title, long created, long updated, ConversationSettings settings,
                           List<StoredMessage> messages) {

    public Conversation {
        settings = settings == null ? ConversationSettings.defaults() : settings;
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
