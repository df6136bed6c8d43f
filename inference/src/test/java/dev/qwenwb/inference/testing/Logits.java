package dev.qwenwb.inference.testing;

/** Test helpers shared through the inference test-jar: how far two engines' logits are apart, and on what scale. */
public final class Logits {

    private Logits() {
    }

    /** @return the largest |a[i] - b[i]| (the arrays must have the same length) */
    public static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("logits of " + a.length + " and " + b.length + " tokens");
        }
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** @return max - min of {@code v}: the scale tolerances are given on */
    public static float spread(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }
}
