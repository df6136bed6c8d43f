package dev.qwenwb.inference.bench;

/**
 * What one benchmark invocation does: {@code runs} times, load the model, run {@code warmups} short unmeasured
 * generations, prefill {@code promptTokens} random token ids, then decode {@code genTokens} tokens greedily
 * (end-of-sequence ignored).
 */
public record BenchConfig(int promptTokens, int genTokens, int runs, int warmups, long seed) {

    public BenchConfig {
        if (promptTokens < 1 || genTokens < 2 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("benchmark needs --prompt-tokens >= 1, --gen-tokens >= 2 and --runs >= 1"
                    + " (got " + promptTokens + ", " + genTokens + ", " + runs + ")");
        }
    }
}
