package dev.qwenwb.app.server;

import dev.qwenwb.inference.tools.QwenToolCalls;

/**
 * Streams a reply that may hold tool calls: text is passed on as it comes until a {@code <tool_call>} could be
 * starting (a tail that may still become one is held back); from the first call on, everything waits for the end,
 * when the whole reply is read for calls ({@link QwenToolCalls#parse}) — a malformed call is sent as text.
 */
final class ToolCallStream {

    private static final String OPEN = "<tool_call>";

    private final StringBuilder text = new StringBuilder();
    private int sent;
    private boolean inCall;

    /** @return the part of the reply so far that is surely text and not yet sent */
    String push(String delta) {
        text.append(delta);
        if (inCall) {
            return "";
        }
        int open = text.indexOf(OPEN, Math.max(0, sent - OPEN.length()));
        int safe;
        if (open >= 0) {
            inCall = true;
            safe = open;
        } else {
            safe = text.length();
            for (int k = Math.min(OPEN.length() - 1, text.length()); k > 0; k--) {
                if (OPEN.startsWith(text.substring(text.length() - k))) {
                    safe = text.length() - k;
                    break;
                }
            }
        }
        String out = safe > sent ? text.substring(sent, safe) : "";
        sent = Math.max(sent, safe);
        return out;
    }

    /** @return the reply read for calls; {@link #rest} is the text still to send when there are none */
    QwenToolCalls.Parsed finish(String reply) {
        return QwenToolCalls.parse(reply);
    }

    /** @return what was held back of {@code reply}, to send as text when it held no valid call */
    String rest(String reply) {
        return sent < reply.length() ? reply.substring(sent) : "";
    }
}
