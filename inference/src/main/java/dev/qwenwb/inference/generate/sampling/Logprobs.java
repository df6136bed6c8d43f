package dev.qwenwb.inference.generate.sampling;

import dev.qwenwb.inference.generate.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/** Log-probabilities under the model's own distribution: the log-softmax of the raw logits. */
final class Logprobs {

    private Logprobs() {
    }

    /**
     * @param logits (V) raw logits of one position
     * @param token  the token chosen
     * @param top    how many most likely alternatives to list (0 = none)
     * @return the chosen token's log-probability and the alternatives, most likely first (lower id first on ties)
     */
    static TokenLogprob of(float[] logits, int token, int top) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double logZ = max + Math.log(sum);
        List<TokenLogprob.Alternative> alternatives = new ArrayList<>(top);
        if (top > 0) {
            int[] best = topIds(logits, Math.min(top, logits.length));
            for (int id : best) {
                alternatives.add(new TokenLogprob.Alternative(id, logits[id] - logZ));
            }
        }
        return new TokenLogprob(token, logits[token] - logZ, alternatives);
    }

    /** The ids of the k largest logits, largest first; O(V·k) with k ≤ 20. */
    private static int[] topIds(float[] logits, int k) {
        int[] ids = new int[k];
        int n = 0;
        for (int id = 0; id < logits.length; id++) {
            float v = logits[id];
            if (n == k && !(v > logits[ids[k - 1]])) {
                continue;
            }
            int i = n < k ? n++ : k - 1;
            while (i > 0 && v > logits[ids[i - 1]]) {
                ids[i] = ids[i - 1];
                i--;
            }
            ids[i] = id;
        }
        return ids;
    }
}
