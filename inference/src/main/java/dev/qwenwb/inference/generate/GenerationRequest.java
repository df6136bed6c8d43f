package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.prompt.Prompt;
import java.util.Objects;

/**
 * One generation as every caller asks for it — the chat, the evaluation backends, the command line, the server —
 * whatever the engine: what to continue, how to sample, when to stop.
 *
 * @param prompt   the prompt (for a chat: the whole conversation; a session reuses what its cache holds)
 * @param sampling the sampling overrides over the model's defaults
 * @param limits   max new tokens and stops
 */
public record GenerationRequest(Prompt prompt, Sampling sampling, Limits limits) {

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        sampling = sampling == null ? Sampling.modelDefaults() : sampling;
        limits = limits == null ? Limits.defaults() : limits;
    }

    /** @return {@code prompt} with the model's defaults */
    public static GenerationRequest of(Prompt prompt) {
        return new GenerationRequest(prompt, Sampling.modelDefaults(), Limits.defaults());
    }

    /** @return a copy with other sampling */
    public GenerationRequest withSampling(Sampling s) {
        return new GenerationRequest(prompt, s, limits);
    }

    /** @return a copy with other limits */
    public GenerationRequest withLimits(Limits l) {
        return new GenerationRequest(prompt, sampling, l);
    }
}
