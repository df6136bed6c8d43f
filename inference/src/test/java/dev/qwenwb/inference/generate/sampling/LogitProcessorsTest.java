package dev.qwenwb.inference.generate.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.TokenLogprob;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each step of the sampling chain on its own, against cases worked out by hand. */
class LogitProcessorsTest {

    private static float[] apply(LogitProcessor p, float[] scores, int[] context, int promptLength) {
        float[] s = scores.clone();
        p.apply(s, context, promptLength, context.length);
        return s;
    }

    @Test
    void logitBiasAddsToTheNamedTokensOnly() {
        float[] s = apply(new LogitBias(Map.of(0, 2.0, 2, -1.0)), new float[] {1, 2, 3}, new int[0], 0);
        assertThat(s).containsExactly(3, 2, 2);
    }

    @Test
    void logitBiasRefusesATokenOutsideTheVocabulary() {
        assertThatThrownBy(() -> apply(new LogitBias(Map.of(5, 1.0)), new float[3], new int[0], 0))
                .hasMessageContaining("token 5").hasMessageContaining("vocabulary of 3");
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOncePerToken() {
        // tokens 0 (twice) and 1 were seen: 2 / 2 = 1, -2 * 2 = -4; token 2 unseen
        float[] s = apply(new RepetitionPenalty(2.0), new float[] {2, -2, 3}, new int[] {0, 1, 0}, 3);
        assertThat(s).containsExactly(1, -4, 3);
    }

    @Test
    void presenceAndFrequencyPenaltiesCountGeneratedTokensOnly() {
        // prompt [3]; generated [0, 0, 2]: 0 → 1 - (2·0.25 + 0.5) = 0; 2 → 1 - (0.25 + 0.5) = 0.25; 3 (prompt) unchanged
        float[] s = apply(new OpenAiPenalties(0.5, 0.25), new float[] {1, 1, 1, 1}, new int[] {3, 0, 0, 2}, 1);
        assertThat(s).containsExactly(0f, 1f, 0.25f, 1f);
    }

    @Test
    void negativePenaltiesEncourageRepetition() {
        float[] s = apply(new OpenAiPenalties(-1, -0.5), new float[] {0, 0}, new int[] {1, 1}, 0);
        assertThat(s).containsExactly(0f, 2f); // 0 - (2·-0.5 + -1)
    }

    @Test
    void theConstraintMasksWhatItDisallowsAndHearsTheChoice() {
        int[] accepted = {-1};
        TokenConstraint onlyOdd = new TokenConstraint() {
            @Override
            public void restrict(float[] scores) {
                for (int i = 0; i < scores.length; i += 2) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }

            @Override
            public void accept(int token) {
                accepted[0] = token;
            }
        };
        Sampler greedy = new Sampler(SamplingParams.greedyDecoding(), onlyOdd);
        Sampler.Choice c = greedy.next(new float[] {9, 1, 8, 2}, new int[0], 0, 0);
        assertThat(c.token()).isEqualTo(3); // 0 and 2 masked: the best of 1 and 3
        assertThat(accepted[0]).isEqualTo(3);
    }

    @Test
    void aConstraintThatAllowsNothingEndsWithNoToken() {
        TokenConstraint nothing = new TokenConstraint() {
            @Override
            public void restrict(float[] scores) {
                java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            }

            @Override
            public void accept(int token) {
                throw new AssertionError("nothing was allowed");
            }
        };
        assertThat(new Sampler(SamplingParams.sampling(1, 1, 0, 3), nothing)
                .next(new float[] {1, 2}, new int[0], 0, 0).none()).isTrue();
    }

    @Test
    void theChainRunsBiasBeforeTheRepetitionPenalty() {
        // token 0, seen, scores 1: bias then penalty gives (1 + 1) / 2 = 1 < token 2's 1.2; the other order would
        // give 1 / 2 + 1 = 1.5 and pick token 0
        Sampler s = new Sampler(SamplingParams.greedyDecoding().withRepetitionPenalty(2).withLogitBias(Map.of(0, 1.0)));
        assertThat(s.sample(new float[] {1, 0.9f, 1.2f}, new int[] {0}, 1)).isEqualTo(2);
    }

    @Test
    void temperatureSharpensOrFlattensTheDistribution() {
        // logits ln 0.8, ln 0.2 at temperature 2: p ∝ sqrt → 0.667 / 0.333
        float[] logits = {(float) Math.log(0.8), (float) Math.log(0.2)};
        assertThat(share(SamplingParams.sampling(2.0, 1.0, 0, 11), logits, 0)).isCloseTo(2.0 / 3, within(0.03));
        assertThat(share(SamplingParams.sampling(0.5, 1.0, 0, 11), logits, 0)).isCloseTo(16.0 / 17, within(0.02));
    }

    @Test
    void topKKeepsTheKMostLikely() {
        float[] logits = {3, 2, 1, 0};
        Sampler s = new Sampler(SamplingParams.sampling(1.0, 1.0, 2, 5));
        for (int i = 0; i < 500; i++) {
            assertThat(s.sample(logits, new int[0], 0)).isIn(0, 1);
        }
    }

    @Test
    void topPKeepsTheSmallestNucleus() {
        // 0.5 + 0.3 reaches 0.6: token 2 (0.2) is out; 0 and 1 renormalised to 0.625 / 0.375
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
        SamplingParams p = SamplingParams.sampling(1.0, 0.6, 0, 21);
        Sampler s = new Sampler(p);
        for (int i = 0; i < 500; i++) {
            assertThat(s.sample(logits, new int[0], 0)).isNotEqualTo(2);
        }
        assertThat(share(p, logits, 0)).isCloseTo(0.625, within(0.03));
    }

    @Test
    void logprobsAreTheRawLogSoftmaxWithTheMostLikelyFirst() {
        float[] logits = {0, (float) Math.log(3), -100};
        Sampler s = new Sampler(SamplingParams.greedyDecoding().withLogitBias(Map.of(0, 50.0)).withTopLogprobs(2));
        Sampler.Choice c = s.next(logits, new int[0], 0, 0);
        assertThat(c.token()).isZero(); // the bias chose it ...
        TokenLogprob lp = c.logprob();
        assertThat(lp.logprob()).isCloseTo(Math.log(0.25), within(1e-6)); // ... but its probability is the model's
        assertThat(lp.top()).extracting(TokenLogprob.Alternative::token).containsExactly(1, 0);
        assertThat(lp.top().get(0).logprob()).isCloseTo(Math.log(0.75), within(1e-6));
    }

    private static double share(SamplingParams p, float[] logits, int token) {
        Sampler s = new Sampler(p);
        int hits = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            if (s.sample(logits, new int[0], 0) == token) {
                hits++;
            }
        }
        return hits / (double) n;
    }
}
