package dev.qwenwb.inference.generate.sampling;

/**
 * Hugging Face's repetition penalty (CTRL's): every distinct token of the context — prompt and generated — has a
 * positive score divided by the penalty and a negative one multiplied by it, once.
 */
final class RepetitionPenalty implements LogitProcessor {

    private final float penalty;
    private boolean[] seen = new boolean[0]; // (V) marks, cleared after use

    RepetitionPenalty(double penalty) {
        this.penalty = (float) penalty;
    }

    @Override
    public void apply(float[] scores, int[] context, int promptLength, int contextLength) {
        int vocab = scores.length;
        if (seen.length != vocab) {
            seen = new boolean[vocab];
        }
        for (int i = 0; i < contextLength; i++) {
            if (context[i] < 0 || context[i] >= vocab) {
                throw new IllegalArgumentException("context token " + context[i] + " outside the vocabulary of "
                        + vocab);
            }
        }
        for (int i = 0; i < contextLength; i++) {
            int id = context[i];
            if (!seen[id]) {
                seen[id] = true;
                float s = scores[id];
                scores[id] = s > 0 ? s / penalty : s * penalty;
            }
        }
        for (int i = 0; i < contextLength; i++) {
            seen[context[i]] = false;
        }
    }
}
