package dev.qwenwb.inference.generate;

import java.util.Set;

/**
 * Restricts which tokens may come next — the hook of the decode loop's sampling chain for grammars (tool calls, JSON
 * schemas). One instance follows one generation: the loop asks it to {@link #restrict} the scores before every
 * choice and tells it the token chosen ({@link #accept}). Applied after the logit bias and penalties and before
 * temperature, top-k and top-p, so greedy and seeded decoding both only ever pick an allowed token.
 */
public interface TokenConstraint {

    /**
     * Sets the score of every token that may not come next to {@link Float#NEGATIVE_INFINITY}.
     *
     * @param scores (V) the processed logits of the next position; modified in place
     */
    void restrict(float[] scores);

    /** @param token the token chosen (always one that {@link #restrict} allowed) */
    void accept(int token);

    /**
     * Whether {@link #allows} can check one token on its own. Then the sampler tries its choice first and masks every
     * token only when the choice is refused (llama.cpp's sampler does the same): one check instead of a walk over the
     * whole vocabulary for most tokens, with the same tokens chosen as masking first.
     */
    default boolean checksOne() {
        return false;
    }

    /**
     * @param token a token id (any, also outside the vocabulary)
     * @return whether {@link #restrict} would leave it allowed now — exactly; only called where {@link #checksOne}
     */
    default boolean allows(int token) {
        throw new UnsupportedOperationException("this constraint only masks");
    }

    /** Makes the constraint of one generation, for the model it runs on. */
    @FunctionalInterface
    interface Factory {

        /**
         * @param vocabulary the model's tokens as bytes
         * @param eosIds     the ids that end this generation (a grammar allows them once its output is complete)
         * @return a new constraint
         */
        TokenConstraint create(Vocabulary vocabulary, Set<Integer> eosIds);
    }
}
