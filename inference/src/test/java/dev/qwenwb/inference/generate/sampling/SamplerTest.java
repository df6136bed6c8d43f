package dev.qwenwb.inference.generate.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qwenwb.inference.generate.SamplingParams;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

class SamplerTest {

    private static final int[] NO_CONTEXT = new int[0];

    private static float[] randomLogits(Random random, int vocab) {
        float[] logits = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            logits[i] = (float) (random.nextGaussian() * 3);
        }
        return logits;
    }

    private static double[] softmax(float[] logits, double temperature) {
        double max = IntStream.range(0, logits.length).mapToDouble(i -> logits[i]).max().orElseThrow();
        double[] p = IntStream.range(0, logits.length).mapToDouble(i -> Math.exp((logits[i] - max) / temperature)).toArray();
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(x -> x / sum).toArray();
    }

    private static double[] frequencies(Sampler sampler, float[] logits, int draws) {
        double[] freq = new double[logits.length];
        for (int i = 0; i < draws; i++) {
            freq[sampler.sample(logits, NO_CONTEXT, 0)] += 1.0 / draws;
        }
        return freq;
    }

    @Test
    void greedyTakesTheArgmaxAndTheLowestIdOnATie() {
        Sampler greedy = new Sampler(SamplingParams.greedyDecoding());
        assertThat(greedy.sample(new float[] {0.1f, 3f, 2f, 3f}, NO_CONTEXT, 0)).isEqualTo(1);
        assertThat(greedy.sample(new float[] {-5f, -2f, -3f}, NO_CONTEXT, 0)).isEqualTo(1);
        // temperature 0 means argmax even without the greedy flag
        Sampler zero = new Sampler(SamplingParams.sampling(0.0, 1.0, 0, 7));
        assertThat(zero.sample(new float[] {0.1f, 3f, 2f, 3.5f}, NO_CONTEXT, 0)).isEqualTo(3);
    }

    @Test
    void logitsAreNotModified() {
        float[] logits = {2f, 1.9f, -1f};
        new Sampler(SamplingParams.sampling(0.7, 0.9, 2, 1).withRepetitionPenalty(1.3)).sample(logits, new int[] {0, 2}, 2);
        assertThat(logits).containsExactly(2f, 1.9f, -1f);
    }

    @Test
    void repetitionPenaltyFlipsTheChoice() {
        Sampler penalized = new Sampler(SamplingParams.greedyDecoding().withRepetitionPenalty(1.2));
        // positive logit divided: 2.0 / 1.2 = 1.67 < 1.9
        assertThat(penalized.sample(new float[] {2.0f, 1.9f}, new int[] {0}, 1)).isEqualTo(1);
        // negative logit multiplied: -1.0 * 1.2 = -1.2 < -1.1
        assertThat(penalized.sample(new float[] {-1.0f, -1.1f}, new int[] {0}, 1)).isEqualTo(1);
        // only the first contextLength entries count
        assertThat(penalized.sample(new float[] {2.0f, 1.9f}, new int[] {1, 0}, 1)).isEqualTo(0);
    }

    @Test
    void repetitionPenaltyAppliesOncePerDistinctToken() {
        Sampler penalized = new Sampler(SamplingParams.greedyDecoding().withRepetitionPenalty(1.2));
        // once: 2.0 / 1.2 = 1.67 > 1.5; three times would give 1.16 < 1.5
        assertThat(penalized.sample(new float[] {2.0f, 1.5f}, new int[] {0, 0, 0}, 3)).isEqualTo(0);
        // and the marks are cleared between calls
        assertThat(penalized.sample(new float[] {2.0f, 1.5f}, new int[] {0, 0, 0}, 3)).isEqualTo(0);
    }

    @Test
    void topKOfOneIsGreedy() {
        Random random = new Random(1);
        Sampler topOne = new Sampler(SamplingParams.sampling(1.5, 1.0, 1, 99));
        for (int i = 0; i < 50; i++) {
            float[] logits = randomLogits(random, 1000);
            assertThat(topOne.sample(logits, NO_CONTEXT, 0)).isEqualTo(Sampler.argmax(logits, logits.length));
        }
    }

    @Test
    void sameSeedSameSequenceDifferentSeedDifferentSequence() {
        float[] logits = randomLogits(new Random(2), 50);
        SamplingParams params = SamplingParams.sampling(1.0, 0.95, 40, 42);
        int[] a = draws(new Sampler(params), logits, 100);
        int[] b = draws(new Sampler(params), logits, 100);
        int[] c = draws(new Sampler(params.withSeed(43)), logits, 100);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(IntStream.of(a).distinct().count()).as("it does sample").isGreaterThan(5);
    }

    private static int[] draws(Sampler sampler, float[] logits, int n) {
        return IntStream.range(0, n).map(i -> sampler.sample(logits, NO_CONTEXT, 0)).toArray();
    }

    @Test
    void frequenciesFollowTheSoftmax() {
        float[] logits = {1.0f, 2.0f, 3.0f, 0.5f};
        double[] freq = frequencies(new Sampler(SamplingParams.sampling(1.0, 1.0, 0, 12345)), logits, 20_000);
        double[] expected = softmax(logits, 1.0);
        for (int i = 0; i < logits.length; i++) {
            assertThat(freq[i]).as("token %d", i).isCloseTo(expected[i], within(0.01));
        }
    }

    @Test
    void temperatureSharpensTheDistribution() {
        float[] logits = {1.0f, 2.0f, 3.0f, 0.5f};
        double[] freq = frequencies(new Sampler(SamplingParams.sampling(0.5, 1.0, 0, 777)), logits, 20_000);
        double[] expected = softmax(logits, 0.5);
        for (int i = 0; i < logits.length; i++) {
            assertThat(freq[i]).as("token %d", i).isCloseTo(expected[i], within(0.01));
        }
    }

    @Test
    void topKKeepsOnlyTheKMostLikelyRenormalised() {
        float[] logits = {1.0f, 2.0f, 3.0f, 0.5f};
        double[] freq = frequencies(new Sampler(SamplingParams.sampling(1.0, 1.0, 2, 5)), logits, 20_000);
        assertThat(freq[0]).isZero();
        assertThat(freq[3]).isZero();
        double e = Math.exp(1.0);
        assertThat(freq[2]).isCloseTo(e / (1 + e), within(0.01));
    }

    @Test
    void topPExcludesTheTail() {
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.15), (float) Math.log(0.05)};
        double[] freq = frequencies(new Sampler(SamplingParams.sampling(1.0, 0.75, 0, 9)), logits, 20_000);
        assertThat(freq[2]).isZero();
        assertThat(freq[3]).isZero();
        assertThat(freq[0]).isCloseTo(0.5 / 0.8, within(0.01));
        // a topP just above the first token's mass keeps the second one
        assertThat(frequencies(new Sampler(SamplingParams.sampling(1.0, 0.45, 0, 9)), logits, 1_000)[0]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void topPOnAFullSizeVocabularyDrawsOnlyFromTheNucleus() {
        Random random = new Random(3);
        float[] logits = randomLogits(random, 151_936);
        double[] p = softmax(logits, 0.8);
        Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (x, y) -> Double.compare(p[y], p[x]));
        Set<Integer> nucleus = new HashSet<>();
        double cumulative = 0;
        for (int i = 0; cumulative < 0.9; i++) {
            nucleus.add(order[i]);
            cumulative += p[order[i]];
        }
        Sampler sampler = new Sampler(SamplingParams.sampling(0.8, 0.9, 0, 11).withRepetitionPenalty(1.05));
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            drawn.add(sampler.sample(logits, NO_CONTEXT, 0));
        }
        assertThat(nucleus).containsAll(drawn);
        assertThat(drawn).hasSizeGreaterThan(100);
    }
}
