package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.evaluation.code.Languages;
import java.io.IOException;
import java.nio.file.Files;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.feather.Feather;

/** The artifacts pane: picker, version switcher, code (highlighted), diff, preview, run output. */
public final class ArtifactsView extends BorderPane {

    private final ArtifactsViewModel vm;
    private final ComboBox<Artifact> picker = new ComboBox<>();
    private final Label version = new Label();
    private final Button prev = Icons.on(new Button(), Feather.CHEVRON_LEFT);
    private final Button next = Icons.on(new Button(), Feather.CHEVRON_RIGHT);
    private final ToggleButton diff = Icons.on(new ToggleButton(I18n.t("artifacts.diff")), Feather.COLUMNS);
    private final ToggleButton preview = Icons.on(new ToggleButton(I18n.t("artifacts.preview")), Feather.EYE);
    private final ToggleButton scripts = Icons.on(new ToggleButton(I18n.t("artifacts.scripts")), Feather.CODE);
    private final Button run = Icons.on(new Button(I18n.t("artifacts.run")), Feather.PLAY);
    private final CodeArea code = new CodeArea();
    private final StackPane center = new StackPane();
    private final TextArea output = new TextArea();
    private PreviewPane previewPane;

    /** A view of {@code vm}. */
    public ArtifactsView(ArtifactsViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
        sync();
    }

    private void createView() {
        getStyleClass().add("artifacts");
        setId("artifacts");
        picker.setId("artifact-picker");
        picker.setItems(vm.artifacts());
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setCellFactory(v -> new TitleCell());
        picker.setButtonCell(new TitleCell());
        prev.setId("artifact-prev");
        next.setId("artifact-next");
        version.setId("artifact-version");
        run.setId("artifact-run");
        diff.setId("artifact-diff");
        preview.setId("artifact-preview");
        scripts.setId("artifact-scripts");
        scripts.setTooltip(new javafx.scene.control.Tooltip(I18n.t("artifacts.scriptsTip")));
        scripts.setOnAction(e -> vm.allowScripts(scripts.isSelected()));
        Button copy = Icons.on(new Button(I18n.t("copy")), Feather.COPY);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.codeProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        Button ask = Icons.on(new Button(I18n.t("artifacts.ask")), Feather.MESSAGE_CIRCLE);
        ask.setId("artifact-ask");
        ask.disableProperty().bind(vm.selectedProperty().isNull());
        ask.setOnAction(e -> {
            vm.askAbout();
            javafx.scene.Node prompt = getScene().lookup("#prompt");
            if (prompt != null) {
                prompt.requestFocus();
            }
        });
        Button save = Icons.on(new Button(I18n.t("artifacts.save")), Feather.SAVE);
        save.setOnAction(e -> save());
        prev.setOnAction(e -> vm.selectVersion(vm.versionProperty().get() - 1));
        next.setOnAction(e -> vm.selectVersion(vm.versionProperty().get() + 1));
        run.setOnAction(e -> vm.run());
        copy.disableProperty().bind(vm.selectedProperty().isNull()); // nothing to copy or save yet
        save.disableProperty().bind(vm.selectedProperty().isNull());
        for (Button b : new Button[] {prev, next, copy, save, run, ask}) {
            b.getStyleClass().add("small");
        }
        diff.getStyleClass().add("small");
        preview.getStyleClass().add("small");
        scripts.getStyleClass().add("small");
        scripts.visibleProperty().bind(preview.selectedProperty().and(preview.disabledProperty().not())
                .and(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null
                        && vm.selectedProperty().get().language().equals("html"), vm.selectedProperty())));
        scripts.managedProperty().bind(scripts.visibleProperty());
        HBox versions = new HBox(4, prev, version, next);
        FlowPane actions = new FlowPane(4, 4, copy, save, ask, diff, preview, scripts, run); // wraps, never cuts
        actions.getChildren().forEach(n -> ((javafx.scene.control.Control) n).setMinWidth(Region.USE_PREF_SIZE));
        VBox top = new VBox(6, picker, versions, actions);
        top.getStyleClass().add("artifacts-header");
        setTop(top);
        code.setId("artifact-code");
        code.setEditable(false);
        code.setParagraphGraphicFactory(LineNumberFactory.get(code));
        code.getStyleClass().add("artifact-code");
        center.getChildren().add(new VirtualizedScrollPane<>(code));
        setCenter(center);
        output.setId("artifact-output");
        output.setEditable(false);
        output.setPrefRowCount(6);
        output.getStyleClass().add("artifact-output");
        Label note = new Label(I18n.t("artifacts.isolation"));
        note.setWrapText(true);
        note.getStyleClass().add("artifact-note");
        VBox bottom = new VBox(4, output, note);
        bottom.visibleProperty().bind(vm.runOutputProperty().isNotEmpty().or(vm.runningProperty()));
        bottom.managedProperty().bind(bottom.visibleProperty());
        setBottom(bottom);
    }

    private void initListeners() {
        vm.selectedProperty().addListener((o, a, b) -> sync());
        vm.versionProperty().addListener((o, a, b) -> sync());
        vm.codeProperty().addListener((o, a, b) -> sync());
        vm.artifacts().addListener((ListChangeListener<Artifact>) c -> sync());
        picker.setOnAction(e -> vm.select(picker.getValue()));
        diff.selectedProperty().addListener((o, a, b) -> sync());
        preview.selectedProperty().addListener((o, a, b) -> sync());
        vm.scriptsProperty().addListener((o, a, b) -> sync());
        output.textProperty().bind(Bindings.when(vm.runningProperty())
                .then(I18n.t("artifacts.running")).otherwise(vm.runOutputProperty()));
    }

    private void sync() {
        Artifact a = vm.selectedProperty().get();
        if (picker.getValue() != a) {
            picker.setValue(a);
        }
        int v = vm.versionProperty().get();
        int n = a == null ? 0 : a.versions().size();
        version.setText(a == null ? I18n.t("artifacts.none") : I18n.t("artifacts.version", v + 1, n)
                + (a.streaming() && v == n - 1 ? " …" : ""));
        prev.setDisable(a == null || v <= 0);
        next.setDisable(a == null || v >= n - 1);
        run.setDisable(a == null || !Languages.runnable(a.language()));
        preview.setDisable(a == null || !Languages.previewable(a.language()));
        diff.setDisable(a == null || v <= 0);
        if (a == null) {
            CodeHighlighting.show(code, "", "text");
        } else if (diff.isSelected() && v > 0) {
            CodeHighlighting.show(code, String.join("\n", vm.diffToPrevious()), "diff");
        } else {
            CodeHighlighting.show(code, vm.codeProperty().get(), a.language());
        }
        boolean showPreview = a != null && preview.isSelected() && Languages.previewable(a.language());
        if (showPreview) {
            if (previewPane == null) {
                previewPane = new PreviewPane();
                center.getChildren().add(previewPane);
            }
            if (!a.streaming()) {
                previewPane.show(a.language(), vm.codeProperty().get(), vm.scriptsProperty().get());
            }
        }
        if (previewPane != null) {
            previewPane.setVisible(showPreview);
        }
        scripts.setSelected(vm.scriptsProperty().get());
    }

    private void save() {
        Artifact a = vm.selectedProperty().get();
        if (a == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(a.suggestedFileName());
        java.io.File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                Files.writeString(f.toPath(), vm.codeProperty().get());
            } catch (IOException e) {
                vm.runOutputProperty().set(e.getMessage());
            }
        }
    }

    private static final class TitleCell extends ListCell<Artifact> {
        @Override
        protected void updateItem(Artifact a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : a.title() + "  ·  " + a.language());
        }
    }
}
