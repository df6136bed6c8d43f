package dev.qwenwb.inference.generate;

import java.util.List;

/**
 * The log-probability of one generated token under the model's distribution (the log-softmax of its raw logits,
 * as vLLM reports by default), with the most likely alternatives at that step.
 *
 * @param token   the token id
 * @param logprob its natural-log probability
 * @param top     the most likely tokens at that step, most likely first (empty unless asked for)
 */
public record TokenLogprob(int token, double logprob, List<Alternative> top) {

    public TokenLogprob {
        top = top == null ? List.of() : List.copyOf(top);
    }

    /**
     * One alternative.
     *
     * @param token   the token id
     * @param logprob its natural-log probability
     */
    public record Alternative(int token, double logprob) {
    }
}
