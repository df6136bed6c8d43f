package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.inference.prompt.ChatMessage;
import java.util.List;

/** Opens an evaluated answer in the chat (wired by the window: a new conversation, then the chat view). */
@FunctionalInterface
public interface ChatHandoff {

    /**
     * @param title     the conversation's title
     * @param messages  the prompt as chat messages (a system message first, if any)
     * @param answer    the configuration's answer, as the assistant's reply
     * @param metrics   what its generation measured ({@link Metrics#NONE} for replays)
     * @param artifacts also show the artifacts pane (the answer's code as artifacts)
     */
    void open(String title, List<ChatMessage> messages, String answer, Metrics metrics, boolean artifacts);
}
