package dev.qwenwb.inference.generate.sampling;

import java.util.Map;

/** OpenAI's {@code logit_bias}: a fixed amount added to the score of each named token. */
final class LogitBias implements LogitProcessor {

    private final int[] ids;
    private final float[] biases;

    /** @param bias token id → amount (validated by {@link dev.qwenwb.inference.generate.SamplingParams}) */
    LogitBias(Map<Integer, Double> bias) {
        ids = new int[bias.size()];
        biases = new float[bias.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : bias.entrySet()) {
            ids[i] = e.getKey();
            biases[i++] = e.getValue().floatValue();
        }
    }

    @Override
    public void apply(float[] scores, int[] context, int promptLength, int contextLength) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= scores.length) {
                throw new IllegalArgumentException("logit_bias names token " + ids[i]
                        + ", outside the vocabulary of " + scores.length);
            }
            scores[ids[i]] += biases[i];
        }
    }
}
