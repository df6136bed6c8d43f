package dev.qwenwb.inference.generate.sampling;

import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sampling chain: chooses the next token from the logits of the last position. Logit processors first, in this
 * order — OpenAI's logit bias, the repetition penalty (transformers'), OpenAI's presence and frequency penalties, a
 * {@link TokenConstraint} (a grammar's mask) — then either argmax, or temperature, top-k, top-p and a seeded draw
 * from what is left (transformers' warpers, in their order). It can report the chosen token's log-probability and the
 * most likely alternatives under the model's own distribution ({@link SamplingParams#topLogprobs()}).
 *
 * <p>Seeded: two samplers with the same {@link SamplingParams} draw the same tokens from the same
 * logits. Buffers of vocabulary size are allocated once and reused, so a call allocates nothing in
 * the steady state. Not thread-safe: one instance per generation.
 */
public final class Sampler {

    /** What one step chose. */
    public record Choice(int token, TokenLogprob logprob) {

        /** The constraint allowed no token at all: the generation has to end. */
        public boolean none() {
            return token < 0;
        }
    }

    private final SamplingParams params;
    private final SplittableRandom random;
    private final List<LogitProcessor> processors = new ArrayList<>();
    private final ConstraintMask constraint;       // null: none

    private float[] scores = new float[0];   // (V) working copy of the logits
    private float[] weights = new float[0];  // (V) exp(score - max) of the candidates, unnormalised
    private int[] candidates = new int[0];   // (V) ids still in the running, first n used
    private long[] packed = new long[0];     // (V) weight bits << 32 | id key, for sorting the nucleus
    private int[] heap = new int[0];         // (k) min-heap of ids by score, for top-k

    /**
     * Creates a sampler without a constraint.
     *
     * @param params how to choose; its seed starts the random generator
     */
    public Sampler(SamplingParams params) {
        this(params, null);
    }

    /**
     * Creates a sampler.
     *
     * @param params     how to choose; its seed starts the random generator
     * @param constraint restricts each next token (null = none); told every token chosen
     */
    public Sampler(SamplingParams params, TokenConstraint constraint) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
        if (!params.logitBias().isEmpty()) {
            processors.add(new LogitBias(params.logitBias()));
        }
        if (params.repetitionPenalty() != 1.0) {
            processors.add(new RepetitionPenalty(params.repetitionPenalty()));
        }
        if (params.presencePenalty() != 0 || params.frequencyPenalty() != 0) {
            processors.add(new OpenAiPenalties(params.presencePenalty(), params.frequencyPenalty()));
        }
        this.constraint = constraint == null ? null : new ConstraintMask(constraint);
    }

    /** @return the parameters this sampler was made with */
    public SamplingParams params() {
        return params;
    }

    /**
     * Chooses one token, with the whole context counted as prompt (so OpenAI's penalties, which count generated
     * tokens only, do not apply).
     *
     * @param logits (V) the logits of the last position; not modified
     * @param context the token ids so far (prompt and generated), for the repetition penalty
     * @param contextLength how many entries of {@code context} are in use
     * @return the chosen token id, in [0, V)
     * @throws IllegalArgumentException if the logits are empty or a context id is outside [0, V)
     */
    public int sample(float[] logits, int[] context, int contextLength) {
        return next(logits, context, contextLength, contextLength).token();
    }

    /**
     * Chooses the next token and, with a constraint, tells it the choice.
     *
     * @param logits        (V) the logits of the last position; not modified
     * @param context       the token ids so far: the prompt, then the generated ones
     * @param promptLength  how many entries of {@code context} are the prompt
     * @param contextLength how many entries of {@code context} are in use
     * @return the token (negative when the constraint allowed none) and, if asked for, its log-probability
     * @throws IllegalArgumentException if the logits are empty or a context id is outside [0, V)
     */
    public Choice next(float[] logits, int[] context, int promptLength, int contextLength) {
        int vocab = logits.length;
        if (vocab == 0) {
            throw new IllegalArgumentException("no logits");
        }
        ensureCapacity(vocab);
        System.arraycopy(logits, 0, scores, 0, vocab);
        for (LogitProcessor p : processors) {
            p.apply(scores, context, promptLength, contextLength);
        }
        int token;
        if (constraint == null) {
            token = choose(vocab);
        } else {
            token = constraint.checksOne() ? chooseChecked(vocab) : -1;
            if (token < 0) {
                constraint.apply(scores, context, promptLength, contextLength);
                if (!anyAllowed(vocab)) {
                    return new Choice(-1, null);
                }
                token = choose(vocab);
            }
            constraint.accept(token);
        }
        return new Choice(token, params.topLogprobs() >= 0 ? Logprobs.of(logits, token, params.topLogprobs()) : null);
    }

    /**
     * The token {@link #choose} would pick after the constraint's mask, found by checking a few tokens instead of
     * masking them all; -1 where it cannot tell cheaply (then the mask is applied). Greedy: the best token, if the
     * constraint allows it, is the best allowed one (the lowest id still wins a tie). Top-k: the k best allowed tokens
     * are searched among the 4k + 64 best; found with every tie of the k-th, they are exactly the candidates the mask
     * leaves, in the same (id) order with the same scores, so temperature, top-p and the seeded draw give the same
     * token. Without top-k the nucleus needs every allowed token's weight: -1.
     */
    private int chooseChecked(int vocab) {
        if (params.isArgmax()) {
            int best = argmax(scores, vocab);
            return scores[best] > Float.NEGATIVE_INFINITY && constraint.allows(best) ? best : -1;
        }
        int k = params.topK();
        if (k <= 0 || k >= vocab) {
            return -1;
        }
        float temperature = (float) params.temperature();
        int m = Math.min(vocab, 4 * k + 64);
        int size = topIds(vocab, m); // heap[0..size): the m best ids, sorted best first
        int n = 0;
        float threshold = Float.NaN; // compared after temperature, as choose() ranks (two scores may round together)
        int i = 0;
        for (; i < size; i++) {
            int id = heap[i];
            float score = scores[id] / temperature;
            if (Float.isNaN(score) || score == Float.NEGATIVE_INFINITY) {
                return -1;
            }
            if (n >= k && score < threshold) {
                break;
            }
            if (constraint.allows(id)) {
                candidates[n++] = id;
                if (n == k) {
                    threshold = score;
                }
            }
        }
        if (n < k || i == size && size < vocab) {
            return -1; // too few allowed among the m best, or ties of the k-th may lie beyond them
        }
        Arrays.sort(candidates, 0, n);
        for (int j = 0; j < n; j++) {
            scores[candidates[j]] /= temperature;
        }
        double sum = softmaxWeights(n);
        if (params.topP() < 1.0 && n > 1) {
            n = nucleus(n, sum);
            sum = 0;
            for (int j = 0; j < n; j++) {
                sum += weights[candidates[j]];
            }
        }
        return draw(n, sum);
    }

    /** Puts the {@code m} ids of highest score in {@code heap[0..m)}, best first (ties: lower id first). */
    private int topIds(int vocab, int m) {
        if (heap.length < m) {
            heap = new int[m];
        }
        int size = 0;
        for (int id = 0; id < vocab; id++) {
            if (size < m) {
                heap[size] = id;
                siftUp(size++);
            } else if (scores[id] > scores[heap[0]]) {
                heap[0] = id;
                siftDown(m);
            }
        }
        if (packed.length < size) {
            packed = new long[size];
        }
        for (int j = 0; j < size; j++) { // sort by score descending: order-preserving bits, flipped
            int id = heap[j];
            int bits = Float.floatToRawIntBits(scores[id]);
            int key = bits >= 0 ? bits : bits ^ Integer.MAX_VALUE; // float order as signed int order
            packed[j] = ((long) ~key << 32) | id;
        }
        Arrays.sort(packed, 0, size);
        for (int j = 0; j < size; j++) {
            heap[j] = (int) packed[j];
        }
        return size;
    }

    private boolean anyAllowed(int vocab) {
        for (int i = 0; i < vocab; i++) {
            if (scores[i] > Float.NEGATIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /** Argmax, or temperature, top-k, top-p and a draw, over the processed scores. */
    private int choose(int vocab) {
        if (params.isArgmax()) {
            return argmax(scores, vocab);
        }
        float temperature = (float) params.temperature();
        for (int i = 0; i < vocab; i++) {
            scores[i] /= temperature;
        }
        int n = params.topK() > 0 && params.topK() < vocab ? topK(vocab, params.topK()) : all(vocab);
        double sum = softmaxWeights(n);
        if (params.topP() < 1.0 && n > 1) {
            n = nucleus(n, sum);
            sum = 0;
            for (int i = 0; i < n; i++) {
                sum += weights[candidates[i]];
            }
        }
        return draw(n, sum);
    }

    /** The index of the largest score; the lowest index wins a tie; NaN never wins. */
    static int argmax(float[] values, int n) {
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        boolean found = false;
        for (int i = 0; i < n; i++) {
            if (values[i] > max || (!found && values[i] == max)) {
                max = values[i];
                best = i;
                found = true;
            }
        }
        return best;
    }

    private int all(int vocab) {
        for (int i = 0; i < vocab; i++) {
            candidates[i] = i;
        }
        return vocab;
    }

    /**
     * Keeps the ids whose score is at least the k-th largest (ties at the threshold stay, as in
     * transformers' {@code TopKLogitsWarper}). A min-heap of k ids: O(V log k), no sort of V.
     */
    private int topK(int vocab, int k) {
        if (heap.length < k) {
            heap = new int[k];
        }
        int size = 0;
        for (int id = 0; id < vocab; id++) {
            float s = scores[id];
            if (size < k) {
                heap[size] = id;
                siftUp(size++);
            } else if (s > scores[heap[0]]) {
                heap[0] = id;
                siftDown(k);
            }
        }
        float threshold = scores[heap[0]];
        int n = 0;
        for (int id = 0; id < vocab; id++) {
            if (scores[id] >= threshold) {
                candidates[n++] = id;
            }
        }
        return n;
    }

    private void siftUp(int i) {
        int id = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!(scores[heap[parent]] > scores[id])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = id;
    }

    private void siftDown(int size) {
        int i = 0;
        int id = heap[0];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && scores[heap[child + 1]] < scores[heap[child]]) {
                child++;
            }
            if (!(scores[heap[child]] < scores[id])) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = id;
    }

    /** Fills {@code weights} with exp(score - max) for the n candidates; returns their sum. */
    private double softmaxWeights(int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, scores[candidates[i]]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int id = candidates[i];
            float w = (float) Math.exp(scores[id] - max);
            weights[id] = Float.isNaN(w) ? 0f : w;
            sum += weights[id];
        }
        return sum;
    }

    /**
     * Keeps the smallest set of most likely candidates whose probability reaches topP (at least
     * one), ordered by decreasing probability. Only candidates above (1 - topP) / (n - 1) of the
     * mass can belong to it, so just those are sorted.
     */
    private int nucleus(int n, double sum) {
        // the most likely candidate has weight exp(0) = 1 and must always pass
        double cutoff = Math.min(1.0, (1.0 - params.topP()) * sum / (n - 1));
        int m = 0;
        for (int i = 0; i < n; i++) {
            int id = candidates[i];
            float w = weights[id];
            if (w >= cutoff && w > 0) {
                // non-negative float bits sort like the floats; a lower id sorts higher among equals
                packed[m++] = ((long) Float.floatToRawIntBits(w) << 32) | (Integer.MAX_VALUE - id);
            }
        }
        if (m == 0) {
            return 1; // all weights zero or NaN: keep the first candidate
        }
        Arrays.sort(packed, 0, m);
        double target = params.topP() * sum;
        double cumulative = 0;
        int kept = 0;
        for (int j = m - 1; j >= 0 && (kept == 0 || cumulative < target); j--) {
            int id = Integer.MAX_VALUE - (int) (packed[j] & 0xFFFFFFFFL);
            candidates[kept++] = id;
            cumulative += weights[id];
        }
        return kept;
    }

    /** Draws one of the n candidates with probability weight / sum. */
    private int draw(int n, double sum) {
        double r = random.nextDouble() * sum;
        double cumulative = 0;
        int last = candidates[0];
        for (int i = 0; i < n; i++) {
            int id = candidates[i];
            float w = weights[id];
            if (w > 0) {
                cumulative += w;
                last = id;
                if (r < cumulative) {
                    return id;
                }
            }
        }
        return last; // rounding left r at the very top
    }

    private void ensureCapacity(int vocab) {
        if (scores.length != vocab) {
            scores = new float[vocab];
            weights = new float[vocab];
            candidates = new int[vocab];
            packed = new long[vocab];
        }
    }
}
