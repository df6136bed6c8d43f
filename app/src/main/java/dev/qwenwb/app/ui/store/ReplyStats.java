package dev.qwenwb.app.ui.store;

/**
 * What the user sees under a reply: time to first token, decode speed, tokens, finish reason.
 *
 * @param ttftMs       time to first token in ms (-1 while unknown)
 * @param tokensPerS   decode tokens per second (0 while unknown)
 * @param tokens       generated tokens
 * @param promptTokens tokens of the prompt
 * @param finishReason eos, max_tokens, cancelled, … or null while streaming
 */
public record ReplyStats(double ttftMs, double tokensPerS, int tokens, int promptTokens, String finishReason) {

    /** Stats of a reply that has not started. */
    public static ReplyStats none() {
        return new ReplyStats(-1, 0, 0, 0, null);
    }
}
