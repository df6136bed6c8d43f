package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** A progress bar per configuration: cases done / total, elapsed, ETA and the case in flight. */
final class ProgressStrip extends GridPane {

    private final EvaluationViewModel vm;

    ProgressStrip(EvaluationViewModel vm) {
        this.vm = vm;
        setId("eval-progress");
        getStyleClass().add("eval-progress");
        setHgap(10);
        setVgap(4);
        vm.progress().addListener((ListChangeListener<RunProgressViewModel>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        int row = 0;
        for (RunProgressViewModel p : vm.progress()) {
            Label name = new Label(p.name());
            name.getStyleClass().add("progress-name");
            ProgressBar bar = new ProgressBar();
            bar.setId("eval-progress-" + p.name());
            bar.setMaxWidth(Double.MAX_VALUE);
            // a model loading has no known length: the bar moves without a value until the first case starts
            bar.progressProperty().bind(javafx.beans.binding.Bindings.when(p.phaseProperty()
                    .isEqualTo(RunProgressViewModel.Phase.OPENING)).then(ProgressBar.INDETERMINATE_PROGRESS)
                    .otherwise(p.fractionProperty()));
            GridPane.setHgrow(bar, Priority.ALWAYS);
            Label text = new Label();
            text.setId("eval-progress-text-" + p.name());
            text.getStyleClass().add("progress-text");
            Runnable sync = () -> text.setText(text(p));
            p.doneProperty().addListener((o, a, b) -> sync.run());
            p.elapsedMsProperty().addListener((o, a, b) -> sync.run());
            p.etaMsProperty().addListener((o, a, b) -> sync.run());
            p.phaseProperty().addListener((o, a, b) -> sync.run());
            p.currentProperty().addListener((o, a, b) -> sync.run());
            sync.run();
            addRow(row++, name, bar, text);
        }
    }

    static String text(RunProgressViewModel p) {
        StringBuilder sb = new StringBuilder(I18n.t("eval.progress.done", p.doneProperty().get(),
                p.totalProperty().get()));
        if (p.elapsedMsProperty().get() > 0) {
            sb.append(" · ").append(Formats.duration(p.elapsedMsProperty().get()));
        }
        if (p.etaMsProperty().get() > 0) {
            sb.append(" · ").append(I18n.t("eval.progress.eta", Formats.duration(p.etaMsProperty().get())));
        }
        switch (p.phaseProperty().get()) {
            case QUEUED:
                sb.append(" · ").append(I18n.t("eval.progress.queued"));
                break;
            case OPENING:
                sb.append(" · ").append(I18n.t("eval.progress.opening"));
                break;
            case RUNNING:
                if (p.currentProperty().get() != null) {
                    sb.append(" · ").append(I18n.t("eval.progress.current", p.currentProperty().get()));
                }
                break;
            default:
                break;
        }
        return sb.toString();
    }
}
