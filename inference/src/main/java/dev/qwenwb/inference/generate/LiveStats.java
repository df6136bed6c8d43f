package dev.qwenwb.inference.generate;

/**
 * What a generation has measured so far, handed to the listener with every token (so no caller measures again).
 *
 * @param promptTokens       tokens in the prompt
 * @param cachedPromptTokens of those, served from the session's cache
 * @param generatedTokens    tokens generated so far
 * @param ttftMs             request start to the first token, -1 before it
 * @param decodeTokensPerS   (generated - 1) / time since the first token; 0 with fewer than 2 tokens
 * @param elapsedMs          request start to now
 */
public record LiveStats(int promptTokens, int cachedPromptTokens, int generatedTokens, double ttftMs,
                        double decodeTokensPerS, double elapsedMs) {
}
