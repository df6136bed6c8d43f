package dev.qwenwb.inference.generate.sampling;

/**
 * OpenAI's presence and frequency penalties, as its API reference defines them (and vLLM applies them): over the
 * tokens generated so far (not the prompt), {@code score[j] -= count[j] * frequency + (count[j] > 0 ? presence : 0)}.
 */
final class OpenAiPenalties implements LogitProcessor {

    private final float presence;
    private final float frequency;
    private int[] counts = new int[0]; // (V) occurrences in the generated tokens, cleared after use

    OpenAiPenalties(double presence, double frequency) {
        this.presence = (float) presence;
        this.frequency = (float) frequency;
    }

    @Override
    public void apply(float[] scores, int[] context, int promptLength, int contextLength) {
        int vocab = scores.length;
        if (counts.length != vocab) {
            counts = new int[vocab];
        }
        for (int i = promptLength; i < contextLength; i++) {
            counts[context[i]]++;
        }
        for (int i = promptLength; i < contextLength; i++) {
            int id = context[i];
            int c = counts[id];
            if (c > 0) {
                scores[id] -= c * frequency + presence;
                counts[id] = 0; // once per distinct token
            }
        }
    }
}
