package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;
import java.util.List;
import java.util.Set;

/**
 * When a generation stops, besides the context window.
 *
 * @param maxNewTokens  at most this many new tokens; 0 = the model's {@code max_new_tokens}, else
 *                      {@value #DEFAULT_MAX_NEW_TOKENS}
 * @param stopStrings   stop when the text contains one of these; the text is cut before it (never streamed)
 * @param stopTokenIds  token ids that end the generation besides the model's end-of-sequence ids
 * @param ignoreEos     keep going past end-of-sequence ids (benchmarks: a fixed number of tokens)
 */
public record Limits(int maxNewTokens, List<String> stopStrings, Set<Integer> stopTokenIds, boolean ignoreEos) {

    /** New tokens at most when neither the caller nor the model's generation_config.json says. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 512;

    public Limits {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("max new tokens must be >= 0 (0 = the model's default), was "
                    + maxNewTokens);
        }
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        stopTokenIds = stopTokenIds == null ? Set.of() : Set.copyOf(stopTokenIds);
        if (stopStrings.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("a stop string is empty");
        }
    }

    /** @return the model's default length and no extra stops */
    public static Limits defaults() {
        return new Limits(0, List.of(), Set.of(), false);
    }

    /** @return at most {@code n} new tokens (0 = the model's default) */
    public static Limits maxTokens(int n) {
        return new Limits(n, List.of(), Set.of(), false);
    }

    /** @return a copy that generates at most {@code n} new tokens (0: the model's default) */
    public Limits withMaxNewTokens(int n) {
        return new Limits(n, stopStrings, stopTokenIds, ignoreEos);
    }

    /** @return a copy with these stop strings */
    public Limits withStopStrings(List<String> stops) {
        return new Limits(maxNewTokens, stops, stopTokenIds, ignoreEos);
    }

    /** @return a copy with these extra stop token ids */
    public Limits withStopTokenIds(Set<Integer> ids) {
        return new Limits(maxNewTokens, stopStrings, ids, ignoreEos);
    }

    /** @return a copy that ignores (or not) the model's end-of-sequence ids */
    public Limits withIgnoreEos(boolean ignore) {
        return new Limits(maxNewTokens, stopStrings, stopTokenIds, ignore);
    }

    /**
     * Checks a requested count against the context before anything is sized by it.
     *
     * @param contextLength the tokens the model's context holds (0 or less: unknown, nothing checked)
     * @param flag          how the caller named the count, e.g. {@code --max-tokens}
     * @throws IllegalArgumentException one line naming {@code flag}, when more new tokens are asked for than the
     *     whole context holds
     */
    public void checkFits(int contextLength, String flag) {
        if (contextLength > 0 && maxNewTokens >= contextLength) {
            throw new IllegalArgumentException(flag + " " + maxNewTokens + ": more than the context of " + contextLength
                    + " tokens holds with the prompt; give at most " + (contextLength - 1) + " (or a larger --context)");
        }
    }

    /** @return the number of new tokens to allow: ours, else the model's, else {@value #DEFAULT_MAX_NEW_TOKENS} */
    public int resolveMaxNewTokens(GenerationConfig defaults) {
        if (maxNewTokens > 0) {
            return maxNewTokens;
        }
        Integer m = defaults.maxNewTokens();
        return m != null && m > 0 ? m : DEFAULT_MAX_NEW_TOKENS;
    }
}
