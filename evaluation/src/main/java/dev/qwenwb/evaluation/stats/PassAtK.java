package dev.qwenwb.evaluation.stats;

/** The unbiased pass@k estimator of Chen et al. 2021 (openai/human-eval {@code estimate_pass_at_k}). */
public final class PassAtK {

    private PassAtK() {
    }

    /**
     * {@code 1 - C(n-c, k) / C(n, k)}, computed as a stable product.
     *
     * @param n samples drawn
     * @param c of those, correct
     * @param k the k of pass@k, {@code 1 <= k <= n}
     * @return the estimate
     */
    public static double estimate(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("pass@k needs 1 <= k <= n and 0 <= c <= n: n=" + n + " c=" + c
                    + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double prod = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            prod *= 1.0 - (double) k / i;
        }
        return 1.0 - prod;
    }
}
