package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Two runs compared: per paired configuration the pass rates, latency ratios and the verdicts that flipped. */
final class ComparisonView extends ScrollPane {

    private final VBox box = new VBox(10);

    ComparisonView(HistoryViewModel vm) {
        setId("eval-compare");
        setFitToWidth(true);
        box.getStyleClass().add("eval-compare");
        setContent(box);
        vm.comparisonProperty().addListener((o, a, b) -> show(b));
        show(vm.comparisonProperty().get());
    }

    private void show(ComparisonRows c) {
        box.getChildren().clear();
        if (c == null) {
            Label hint = new Label(I18n.t("eval.compare.hint"));
            hint.getStyleClass().add("section-note");
            box.getChildren().add(hint);
            return;
        }
        Label dirs = new Label(I18n.t("eval.compare.dirs", c.oldDir(), c.newDir()));
        dirs.setWrapText(true);
        box.getChildren().add(dirs);
        for (ComparisonRows.Pair p : c.pairs()) {
            Label title = new Label(p.oldConfig() + " → " + p.newConfig());
            title.getStyleClass().add("section-title");
            Label rates = new Label(I18n.t("eval.compare.passRate", Formats.percent(p.passRateOld()),
                    Formats.percent(p.passRateNew())));
            Label ratios = new Label(I18n.t("eval.compare.ratios", ratio(p, "ttft_ms"),
                    ratio(p, "decode_tokens_per_s"), ratio(p, "e2e_ms"), ratio(p, "itl_ms")));
            GridPane flips = new GridPane();
            flips.getStyleClass().add("compare-flips");
            flips.setHgap(12);
            flips.setVgap(4);
            int row = 0;
            for (ComparisonRows.Flip f : p.flips()) {
                Label change = new Label(I18n.t("eval.compare." + f.change()));
                change.getStyleClass().add("flip-" + f.change());
                Label reason = new Label(f.reason());
                reason.setWrapText(true);
                reason.setMaxWidth(520);
                flips.addRow(row++, new Label(f.caseId()), new Label(f.before() + " → " + f.after()), change, reason);
            }
            if (p.flips().isEmpty()) {
                flips.add(new Label(I18n.t("eval.compare.noFlips")), 0, 0);
            }
            box.getChildren().addAll(title, rates, ratios, flips);
        }
    }

    private static String ratio(ComparisonRows.Pair p, String metric) {
        double v = p.ratios().getOrDefault(metric, Double.NaN);
        return Double.isNaN(v) ? Formats.NONE : Formats.num(v, 2) + "×";
    }
}
