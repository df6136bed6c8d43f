package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.inference.util.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The charts' data, rebuilt as results arrive: TTFT and decode tokens/s per case grouped by configuration, and the
 * per-token latency over the answer (one line per configuration for the selected case, and the median over cases).
 * Plain values: the view turns them into JavaFX charts. First repeats only; replays have no timings.
 */
public final class ChartsViewModel {

    private final ObservableList<String> cases = FXCollections.observableArrayList();
    private final ObservableList<BarSeries> ttft = FXCollections.observableArrayList();
    private final ObservableList<BarSeries> decode = FXCollections.observableArrayList();
    private final ObservableList<LineSeries> latency = FXCollections.observableArrayList();
    private final StringProperty selectedCase = new SimpleStringProperty();
    private RunInfo info;
    private List<ResultRecord> results = List.of();

    ChartsViewModel() {
        selectedCase.addListener((o, a, b) -> rebuildLatency());
    }

    /** Case ids with a timed result, in suite order (the category axis). */
    public ObservableList<String> cases() {
        return cases;
    }

    /** TTFT in ms per case, one series per configuration. */
    public ObservableList<BarSeries> ttft() {
        return ttft;
    }

    /** Decode tokens/s per case, one series per configuration. */
    public ObservableList<BarSeries> decode() {
        return decode;
    }

    /** Per-token latency lines. */
    public ObservableList<LineSeries> latency() {
        return latency;
    }

    /** The case whose per-token latency is drawn (null: the first with timings). */
    public StringProperty selectedCaseProperty() {
        return selectedCase;
    }

    /** The title of case {@code id} ({@code id} when unknown), for the bars' tooltips. */
    public String caseTitle(String id) {
        String title = info == null ? null : info.caseTitles().get(id);
        return title == null || title.isBlank() ? id : title + " (" + id + ")";
    }

    /** Rebuilds every series from a run's results. */
    void update(RunInfo runInfo, List<ResultRecord> all) {
        this.info = runInfo;
        this.results = List.copyOf(all);
        List<String> timedCases = new ArrayList<>();
        for (String id : info.caseTitles().keySet()) {
            if (results.stream().anyMatch(r -> r.caseId().equals(id) && r.metrics().timed())) {
                timedCases.add(id);
            }
        }
        if (!cases.equals(timedCases)) {
            cases.setAll(timedCases);
        }
        List<BarSeries> t = new ArrayList<>();
        List<BarSeries> d = new ArrayList<>();
        for (String config : info.configs().keySet()) {
            List<BarSeries.Bar> tb = new ArrayList<>();
            List<BarSeries.Bar> db = new ArrayList<>();
            for (String id : timedCases) {
                first(config, id).ifPresent(r -> {
                    if (!Double.isNaN(r.metrics().ttftMs())) {
                        tb.add(new BarSeries.Bar(id, r.metrics().ttftMs()));
                    }
                    if (!Double.isNaN(r.metrics().decodeTokensPerS())) {
                        db.add(new BarSeries.Bar(id, r.metrics().decodeTokensPerS()));
                    }
                });
            }
            if (!tb.isEmpty()) {
                t.add(new BarSeries(config, tb));
            }
            if (!db.isEmpty()) {
                d.add(new BarSeries(config, db));
            }
        }
        ttft.setAll(t);
        decode.setAll(d);
        rebuildLatency();
    }

    private void rebuildLatency() {
        if (info == null) {
            latency.clear();
            return;
        }
        String chosen = selectedCase.get() != null && !selectedCase.get().isEmpty() ? selectedCase.get()
                : cases.isEmpty() ? null : cases.get(0);
        List<LineSeries> lines = new ArrayList<>();
        for (String config : info.configs().keySet()) {
            if (chosen != null) {
                first(config, chosen).filter(r -> r.tokenLatenciesMs().length > 1).ifPresent(r ->
                        lines.add(new LineSeries(config + " · " + chosen, config, false, tail(r.tokenLatenciesMs()))));
            }
            double[] median = median(config);
            if (median.length > 0) {
                lines.add(new LineSeries(config + " · " + dev.qwenwb.app.ui.common.I18n.t("eval.chart.median"), config,
                        true, median));
            }
        }
        latency.setAll(lines);
    }

    /** The median over cases (first repeats) of each token position's latency, tokens after the first. */
    private double[] median(String config) {
        List<double[]> per = new ArrayList<>();
        for (ResultRecord r : results) {
            if (r.config().equals(config) && r.repeat() == 0 && r.tokenLatenciesMs().length > 1) {
                per.add(tail(r.tokenLatenciesMs()));
            }
        }
        int longest = per.stream().mapToInt(a -> a.length).max().orElse(0);
        double[] out = new double[longest];
        for (int i = 0; i < longest; i++) {
            List<Double> at = new ArrayList<>();
            for (double[] a : per) {
                if (i < a.length) {
                    at.add(a[i]);
                }
            }
            out[i] = Percentiles.of(at.stream().mapToDouble(Double::doubleValue).toArray(), 50);
        }
        return out;
    }

    private Optional<ResultRecord> first(String config, String caseId) {
        return results.stream().filter(r -> r.config().equals(config) && r.caseId().equals(caseId))
                .min(java.util.Comparator.comparingInt(ResultRecord::repeat));
    }

    private static double[] tail(double[] a) {
        return java.util.Arrays.copyOfRange(a, Math.min(1, a.length), a.length);
    }
}
