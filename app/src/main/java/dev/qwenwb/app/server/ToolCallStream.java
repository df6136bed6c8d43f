package dev.qwenwb.app.server;

import dev.qwenwb.inference.generate.StopStrings;
import java.util.List;

/**
 * Streams a reply that may hold tool calls: text is passed on as it comes until a {@code <tool_call>} could be
 * starting (a tail that may still become one is held back, as stop strings are); from the first call on, everything
 * waits for the end, when the whole reply is read for calls
 * ({@link dev.qwenwb.inference.tools.QwenToolCalls#parse}) — a malformed call is sent as text ({@link #rest}).
 */
final class ToolCallStream {

    private static final String OPEN = "<tool_call>";
    private static final StopStrings CALL = new StopStrings(List.of(OPEN));

    private final StringBuilder text = new StringBuilder();
    private int sent;
    private boolean inCall;

    /** @return the part of the reply so far that is surely text and not yet sent */
    String push(String delta) {
        text.append(delta);
        if (inCall) {
            return "";
        }
        int open = CALL.find(text, Math.max(0, sent - OPEN.length()));
        inCall = open >= 0;
        int safe = inCall ? open : CALL.safeLength(text);
        String out = safe > sent ? text.substring(sent, safe) : "";
        sent = Math.max(sent, safe);
        return out;
    }

    /** @return what was held back of {@code reply}, to send as text when it held no valid call */
    String rest(String reply) {
        return sent < reply.length() ? reply.substring(sent) : "";
    }
}
