package dev.qwenwb.inference.gguf;

import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.List;
import java.util.Set;

/** Requests of token ids with exact sampling and stops, the model's own eos ids ignored (these tests name theirs). */
final class GgufRequests {

    private GgufRequests() {
    }

    static GenerationRequest of(int[] ids, SamplingParams p, int maxNewTokens, List<String> stops, Set<Integer> eos) {
        Sampling s = new Sampling(p.greedy(), p.temperature(), p.topP(), p.topK(), p.repetitionPenalty(), p.seed());
        Limits l = Limits.maxTokens(maxNewTokens).withStopStrings(stops == null ? List.of() : stops)
                .withStopTokenIds(eos).withIgnoreEos(true);
        return new GenerationRequest(Prompt.tokens(ids), s, l);
    }
}
