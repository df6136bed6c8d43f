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
 * @param constraint makes the constraint that restricts each next token (a grammar), a new one per generation;
 *                 null = none. Engines that decode ids apply it in the sampling chain; others refuse it.
 */
public record GenerationRequest(Prompt prompt, Sampling sampling, Limits limits,
                                TokenConstraint.Factory constraint) {

    /** A request without a constraint. */
    public GenerationRequest(Prompt prompt, Sampling sampling, Limits limits) {
        this(prompt, sampling, limits, null);
    }

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
        return new GenerationRequest(prompt, s, limits, constraint);
    }

    /** @return a copy with other limits */
    public GenerationRequest withLimits(Limits l) {
        return new GenerationRequest(prompt, sampling, l, constraint);
    }

    /** @return a copy whose tokens are restricted by a new constraint from {@code c} each generation */
    public GenerationRequest withConstraint(TokenConstraint.Factory c) {
        return new GenerationRequest(prompt, sampling, limits, c);
    }
}
