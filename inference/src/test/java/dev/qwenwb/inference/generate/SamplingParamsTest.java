package dev.qwenwb.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplingParamsTest {

    @Test
    void greedyIsArgmaxWithoutPenalty() {
        SamplingParams g = SamplingParams.greedyDecoding();
        assertThat(g.greedy()).isTrue();
        assertThat(g.isArgmax()).isTrue();
        assertThat(g.temperature()).isZero();
        assertThat(g.repetitionPenalty()).isEqualTo(1.0);
        assertThat(g.topP()).isEqualTo(1.0);
        assertThat(g.topK()).isZero();
    }

    @Test
    void withersChangeOneField() {
        SamplingParams p = SamplingParams.greedyDecoding().withGreedy(false).withTemperature(0.7).withTopP(0.8).withTopK(20)
                .withRepetitionPenalty(1.05).withSeed(42);
        assertThat(p).isEqualTo(new SamplingParams(false, 0.7, 0.8, 20, 1.05, 42));
        assertThat(p.isArgmax()).isFalse();
        assertThat(SamplingParams.greedyDecoding().withTemperature(0.7).isArgmax()).as("greedy flag still set").isTrue();
    }

    @Test
    void rejectsOutOfRangeValues() {
        SamplingParams g = SamplingParams.greedyDecoding();
        assertThatThrownBy(() -> g.withTemperature(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.withTemperature(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.withTopP(0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.withTopP(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.withTopK(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> g.withRepetitionPenalty(0.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
