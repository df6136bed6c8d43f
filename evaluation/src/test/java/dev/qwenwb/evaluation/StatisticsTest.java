package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.stats.PassAtK;
import dev.qwenwb.inference.util.Percentiles;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void passAtKMatchesHumanEvalsEstimator() {
        assertThat(PassAtK.estimate(10, 0, 1)).isZero();
        assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-12));
        // 1 - C(7,5)/C(10,5) = 1 - 21/252
        assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252, within(1e-12));
        assertThat(PassAtK.estimate(10, 6, 5)).isEqualTo(1.0);
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Percentiles.of(v, 50)).isEqualTo(5.5);
        assertThat(Percentiles.of(v, 90)).isCloseTo(9.1, within(1e-9));
        assertThat(Percentiles.of(v, 99)).isCloseTo(9.91, within(1e-9));
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
    }

    @Test
    void interTokenLatencyExcludesTheFirstToken() {
        Metrics m = Metrics.of(50, new double[] {80, 10, 10, 20}, 600, 75, 120, 900, 3000, "eos");
        assertThat(m.ttftMs()).isEqualTo(80);
        assertThat(m.outputTokens()).isEqualTo(4);
        assertThat(m.itlP50Ms()).isEqualTo(10);
        assertThat(m.itlP99Ms()).isCloseTo(19.8, within(1e-9));
    }
}
