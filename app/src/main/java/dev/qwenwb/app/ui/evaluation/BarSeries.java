package dev.qwenwb.app.ui.evaluation;

import java.util.List;

/**
 * One configuration's bars in a per-case chart.
 *
 * @param name the configuration
 * @param bars case id → value, in suite order, only cases that have a value
 */
public record BarSeries(String name, List<Bar> bars) {

    /** Copies the bars. */
    public BarSeries {
        bars = List.copyOf(bars);
    }

    /** One bar: a case and its value. */
    public record Bar(String caseId, double value) {
    }
}
