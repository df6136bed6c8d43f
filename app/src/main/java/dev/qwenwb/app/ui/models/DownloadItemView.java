package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** One download of the queue: title and state, Cancel / Resume / dismiss, the total bar with bytes, speed and ETA, a bar per file. */
final class DownloadItemView extends VBox {

    DownloadItemView(DownloadItemViewModel item, ModelsViewModel vm) {
        setSpacing(4);
        getStyleClass().add("download-item");
        setId("download-" + ModelsView.nodeId(item.ref().repoId()));
        Label title = new Label(item.title());
        title.getStyleClass().add("title-4");
        Label state = new Label();
        state.setId("download-state");
        state.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.t("models.state." + item.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)),
                item.stateProperty()));
        Button cancel = Icons.on(new Button(I18n.t("models.cancel")), Feather.X);
        cancel.setId("download-cancel");
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !item.stateProperty().get().active(),
                item.stateProperty()));
        cancel.setOnAction(e -> vm.cancel(item));
        Button resume = Icons.on(new Button(I18n.t("models.resume")), Feather.PLAY);
        resume.setId("download-resume");
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> !item.stateProperty().get().resumable(),
                item.stateProperty()));
        resume.setOnAction(e -> vm.resume(item));
        Button dismiss = Icons.on(new Button(), Feather.X_CIRCLE);
        dismiss.setId("download-dismiss");
        dismiss.disableProperty().bind(cancel.disableProperty().not());
        dismiss.setOnAction(e -> vm.dismiss(item));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, state, gap, cancel, resume, dismiss);

        ProgressBar total = new ProgressBar();
        total.setId("download-progress");
        total.setMaxWidth(Double.MAX_VALUE);
        total.progressProperty().bind(item.progressProperty());
        Label stats = new Label();
        stats.setId("download-stats");
        stats.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("models.stats", item.bytesProperty().get(),
                        item.speedProperty().get().isEmpty() ? "–" : item.speedProperty().get(),
                        item.etaProperty().get().isEmpty() ? "–" : item.etaProperty().get()),
                item.bytesProperty(), item.speedProperty(), item.etaProperty()));
        stats.visibleProperty().bind(item.stateProperty().isNotEqualTo(DownloadState.FAILED));
        stats.managedProperty().bind(stats.visibleProperty());
        Label message = new Label();
        message.setId("download-message");
        message.setWrapText(true);
        message.textProperty().bind(item.messageProperty());
        VBox files = new VBox(2);
        files.setId("download-files");
        Runnable fill = () -> {
            files.getChildren().clear();
            for (FileProgressViewModel f : item.files()) {
                files.getChildren().add(fileRow(f));
            }
        };
        item.files().addListener((ListChangeListener<FileProgressViewModel>) c -> fill.run());
        fill.run();
        getChildren().addAll(head, total, stats, message, files);
    }

    private static HBox fileRow(FileProgressViewModel f) {
        Label name = new Label(f.path());
        name.setMinWidth(220);
        name.setPrefWidth(220);
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("download-file-progress");
        bar.progressProperty().bind(f.progressProperty());
        bar.setPrefWidth(220);
        Label status = new Label();
        status.textProperty().bind(f.statusProperty());
        HBox row = new HBox(8, name, bar, status);
        row.getStyleClass().add("download-file");
        return row;
    }
}
