package dev.qwenwb.inference.generate;

import java.util.List;
import java.util.Set;

/**
 * One generation: the whole prompt as token ids (history included; a session reuses the cached prefix),
 * how to sample and when to stop.
 *
 * @param promptIds     the prompt
 * @param sampling      sampling parameters (see {@link SamplingParams})
 * @param maxNewTokens  at most this many new tokens (> 0)
 * @param stopStrings   stop when the text contains one of these; the text is cut before it
 * @param eosIds        end-of-sequence ids (the model's generation_config eos ids unless overridden)
 */
public record GenerationRequest(int[] promptIds, SamplingParams sampling, int maxNewTokens,
                                List<String> stopStrings, Set<Integer> eosIds) {

    public GenerationRequest {
        if (promptIds == null || promptIds.length == 0) {
            throw new IllegalArgumentException("the prompt is empty: at least one token is needed");
        }
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max new tokens must be > 0, was " + maxNewTokens);
        }
        promptIds = promptIds.clone();
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
        eosIds = eosIds == null ? Set.of() : Set.copyOf(eosIds);
    }
}
