package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link GenerationRequest} made ready for an engine that decodes token ids: the prompt rendered and encoded,
 * sampling and limits resolved against the model's defaults, every stop gathered. Built in one place,
 * {@link #prepare}.
 *
 * @param promptIds    the whole prompt (history included; a session reuses the cached prefix)
 * @param promptText   the exact prompt text
 * @param sampling     the resolved sampling parameters
 * @param maxNewTokens at most this many new tokens (> 0)
 * @param stopStrings  stop when the text contains one of these; the text is cut before it
 * @param eosIds       ids that end the generation (the model's eos ids unless ignored, plus the caller's and the
 *                     prompt format's)
 * @param constraint   makes the grammar constraint of this generation (null = none)
 */
public record PreparedRequest(int[] promptIds, String promptText, SamplingParams sampling, int maxNewTokens,
                              List<String> stopStrings, Set<Integer> eosIds, TokenConstraint.Factory constraint) {

    public PreparedRequest {
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

    /** A request without a constraint. */
    public PreparedRequest(int[] promptIds, String promptText, SamplingParams sampling, int maxNewTokens,
                           List<String> stopStrings, Set<Integer> eosIds) {
        this(promptIds, promptText, sampling, maxNewTokens, stopStrings, eosIds, null);
    }

    /**
     * @param request  what the caller asked for
     * @param renderer the model's prompt renderer
     * @param defaults the model's generation_config.json
     * @return the request in ids, with every default applied
     */
    public static PreparedRequest prepare(GenerationRequest request, PromptRenderer renderer,
                                          GenerationConfig defaults) {
        RenderedPrompt p = renderer.render(request.prompt());
        Limits l = request.limits();
        List<String> stops = new ArrayList<>(l.stopStrings());
        p.stopStrings().stream().filter(s -> !stops.contains(s)).forEach(stops::add);
        Set<Integer> eos = new HashSet<>(l.stopTokenIds());
        eos.addAll(p.stopTokenIds());
        if (!l.ignoreEos()) {
            eos.addAll(defaults.eosTokenIds());
        }
        return new PreparedRequest(p.ids(), p.text(), request.sampling().resolve(defaults),
                l.resolveMaxNewTokens(defaults), stops, eos, request.constraint());
    }
}
