package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.FittedColumns;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.stats.Aggregate;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The summary table (a row per configuration: pass@1, pass@k, TTFT and inter-token latency p50/p90/p99, decode
 * tokens/s, load time, peak memory) and the claims beside each configuration's measured value.
 */
final class SummaryView extends ScrollPane {

    private final EvaluationViewModel vm;
    private final TableView<SummaryRow> table = new TableView<>();
    private final GridPane claims = new GridPane();
    private final Label claimsTitle = new Label(I18n.t("eval.claims.title"));

    SummaryView(EvaluationViewModel vm) {
        this.vm = vm;
        setId("eval-summary-pane");
        setFitToWidth(true);
        table.setId("eval-summary");
        table.setItems(vm.summary());
        table.setPlaceholder(new Label(I18n.t("eval.grid.empty")));
        table.setPrefHeight(190);
        table.getColumns().addAll(java.util.List.of(
                column("eval.summary.config", SummaryRow::config),
                column("eval.summary.backend", SummaryRow::description),
                column("eval.summary.passed", r -> r.passed() + " / " + r.scored()),
                column("eval.summary.pass1", r -> Formats.percent(r.passAt1())),
                column("eval.summary.passk", SummaryView::passAtK),
                column("eval.summary.ttft", r -> three(r.ttft(), 1)),
                column("eval.summary.itl", r -> three(r.itl(), 2)),
                column("eval.summary.decode", r -> Formats.num(r.decode().median(), 1)),
                column("eval.summary.load", r -> r.loadMs() < 0 ? Formats.NONE : Formats.duration(r.loadMs())),
                column("eval.summary.memory", r -> Formats.metric("peak_memory_mb", r.peakMemoryMb()))));
        FittedColumns.fit(table);
        claims.setId("eval-claims");
        claims.getStyleClass().add("eval-claims");
        claims.setHgap(14);
        claims.setVgap(8);
        claimsTitle.getStyleClass().add("section-title");
        Label note = new Label(I18n.t("eval.summary.note"));
        note.getStyleClass().add("section-note");
        note.setWrapText(true);
        VBox box = new VBox(10, table, note, claimsTitle, claims);
        box.getStyleClass().add("eval-summary-box");
        setContent(box);
        vm.claims().addListener((ListChangeListener<ClaimRow>) c -> claims());
        claims();
    }

    private static TableColumn<SummaryRow, String> column(String key, Function<SummaryRow, String> value) {
        return FittedColumns.column(I18n.t(key), value);
    }

    private static String three(Aggregate a, int digits) {
        return Formats.num(a.median(), digits) + " / " + Formats.num(a.p90(), digits) + " / "
                + Formats.num(a.p99(), digits);
    }

    private static String passAtK(SummaryRow r) {
        StringBuilder sb = new StringBuilder();
        r.passAtK().forEach((k, v) -> {
            if (k > 1) {
                sb.append(sb.length() == 0 ? "" : " · ").append("pass@").append(k).append(' ')
                        .append(Formats.percent(v));
            }
        });
        return sb.length() == 0 ? Formats.NONE : sb.toString();
    }

    private void claims() {
        claims.getChildren().clear();
        boolean any = !vm.claims().isEmpty();
        claimsTitle.setVisible(any);
        claimsTitle.setManaged(any);
        if (!any) {
            return;
        }
        claims.addRow(0, header(I18n.t("eval.claims.figure")), header(I18n.t("eval.claims.claimed")),
                header(I18n.t("eval.claims.conditions")));
        int col = 3;
        for (ClaimRow.Measured m : vm.claims().get(0).cells()) {
            claims.add(header(m.config()), col++, 0);
        }
        int row = 1;
        for (ClaimRow r : vm.claims()) {
            Label figure = new Label(claimText(r, "label", r.claim().label()));
            figure.getStyleClass().add("claim-label");
            figure.setMinWidth(Region.USE_PREF_SIZE);
            Label claimed = new Label(claimText(r, "claimed", r.claim().claimed()));
            claimed.getStyleClass().add("claim-claimed");
            claimed.setMinWidth(Region.USE_PREF_SIZE);
            Label note = new Label(claimText(r, "note", r.claim().note()));
            note.setWrapText(true);
            note.setMaxWidth(300);
            note.setMinWidth(180);
            note.getStyleClass().add("claim-note");
            claims.addRow(row, figure, claimed, note);
            col = 3;
            for (ClaimRow.Measured m : r.cells()) {
                claims.add(measured(r, m), col++, row);
            }
            row++;
        }
    }

    /**
     * A claim's words in the window's language: the bundle's {@code claim.<suite>.<id>.<part>} where it has one (the
     * built-in suites' claims), else the suite's own text.
     */
    private String claimText(ClaimRow r, String part, String suiteText) {
        dev.qwenwb.evaluation.run.RunInfo info = vm.infoProperty().get();
        String key = "claim." + (info == null ? "" : info.suiteName()) + "." + r.claim().id() + "." + part;
        String t = I18n.t(key);
        return t.equals(key) ? suiteText : t;
    }

    private static VBox measured(ClaimRow r, ClaimRow.Measured m) {
        Label value = new Label(Formats.metric(r.claim().metric(), m.value()));
        value.setMinWidth(Region.USE_PREF_SIZE);
        value.getStyleClass().add("claim-measured");
        Label device = new Label(m.device());
        device.setMinWidth(Region.USE_PREF_SIZE);
        device.getStyleClass().add("claim-device");
        VBox box = new VBox(2, value, device);
        box.setId("claim-" + r.claim().id() + "-" + m.config());
        for (String d : m.differences()) {
            Label l = new Label("≠ " + d);
            l.getStyleClass().add("claim-differs");
            l.setWrapText(true);
            l.setMaxWidth(260);
            box.getChildren().add(l);
        }
        if (m.differences().isEmpty() && !Double.isNaN(m.value())) {
            Label same = new Label(I18n.t("eval.claims.comparable"));
            same.getStyleClass().add("claim-comparable");
            box.getChildren().add(same);
        }
        return box;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("claim-header");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
