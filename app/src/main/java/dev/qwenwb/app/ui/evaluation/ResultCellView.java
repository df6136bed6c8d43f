package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.chat.MarkdownBlocks;
import dev.qwenwb.app.ui.chat.MarkdownView;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * One grid cell: the verdict (colour-coded; with repeats, passes of n), the check reasons, TTFT / decode tokens/s /
 * tokens / end-to-end time, and the start of the answer as Markdown with highlighted code.
 */
final class ResultCellView extends VBox {

    /** Characters of the answer rendered in the grid (the detail shows all of it). */
    private static final int PREVIEW_CHARS = 600;
    private static final double MAX_HEIGHT = 150;

    ResultCellView(Cell cell) {
        getStyleClass().add("result-cell");
        setSpacing(3);
        if (cell.inFlight()) {
            getStyleClass().add("cell-in-flight");
        }
        ResultRecord r = cell.first();
        if (r == null) {
            Label waiting = new Label(cell.inFlight() ? I18n.t("eval.cell.answering") : I18n.t("eval.cell.waiting"));
            waiting.getStyleClass().add("cell-waiting");
            getChildren().add(waiting);
            return;
        }
        Verdict shade = cell.shade();
        Label verdict = new Label(verdictText(cell));
        verdict.getStyleClass().addAll("verdict", "verdict-" + shade.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        verdict.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label metrics = new Label(Formats.metrics(r.metrics()));
        metrics.getStyleClass().add("cell-metrics");
        metrics.setWrapText(true);
        getChildren().add(new HBox(6, verdict, metrics));
        for (String reason : cell.reasons()) {
            Label l = new Label(reason.length() > 240 ? reason.substring(0, 239) + "…" : reason);
            l.getStyleClass().add("cell-reason");
            l.setWrapText(true);
            getChildren().add(l);
        }
        String text = r.text().length() > PREVIEW_CHARS ? r.text().substring(0, PREVIEW_CHARS) + " …" : r.text();
        VBox answer = new VBox(2);
        answer.getStyleClass().add("cell-answer");
        answer.getChildren().setAll(MarkdownView.nodes(MarkdownBlocks.parse(text)));
        answer.setMaxHeight(MAX_HEIGHT);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(answer.widthProperty());
        clip.heightProperty().bind(answer.heightProperty());
        answer.setClip(clip);
        getChildren().add(answer);
    }

    static String verdictText(Cell cell) {
        String label = I18n.t("verdict." + cell.shade().name().toLowerCase(Locale.ROOT));
        return cell.results().size() > 1 ? label + " " + cell.passes() + "/" + cell.results().size() : label;
    }
}
