package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.stats.Metrics;
import java.util.Locale;

/** How the evaluation view writes numbers: "—" for what was not measured. */
final class Formats {

    static final String NONE = "—";

    private Formats() {
    }

    /** @return {@code v} with {@code digits} decimals, or "—" */
    static String num(double v, int digits) {
        return Double.isNaN(v) || Double.isInfinite(v) ? NONE : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** @return a rate 0..1 as a percentage */
    static String percent(double rate) {
        return Double.isNaN(rate) ? NONE : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** @return a duration: "850 ms", "12.3 s", "4 min 05 s" */
    static String duration(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return NONE;
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
        long s = Math.round(ms / 1000);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /** @return a value in a claim metric's unit */
    static String metric(String metric, double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        switch (metric) {
            case "load_ms": return duration(v);
            case "ttft_ms": return num(v, 1) + " ms";
            case "decode_tokens_per_s": return dev.qwenwb.app.ui.common.I18n.t("eval.unit.tps", num(v, 1));
            case "peak_memory_mb": return v >= 1024 ? num(v / 1024, 2) + " GB" : num(v, 0) + " MB";
            default: return metric.endsWith("pass_rate") ? num(v, 1) + " %" : num(v, 2);
        }
    }

    /** @return "TTFT 12 ms · 35.2 tok/s · 48 tokens · 1.2 s" (or "replay: not timed") */
    static String metrics(Metrics m) {
        if (!m.timed()) {
            return dev.qwenwb.app.ui.common.I18n.t("eval.notTimed");
        }
        return dev.qwenwb.app.ui.common.I18n.t("eval.metricsLine", num(m.ttftMs(), 0),
                num(m.decodeTokensPerS(), 1), Math.max(0, m.outputTokens()), duration(m.e2eMs()));
    }
}
