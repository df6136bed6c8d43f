package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.Folding;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The suite picker, repeats, Run / Stop / Resume, open a run folder, export the shown run. */
final class RunBar extends HBox {

    RunBar(EvaluationViewModel vm, dev.qwenwb.app.ui.common.Exports exports) {
        super(8);
        getStyleClass().add("eval-run-bar");
        setAlignment(Pos.CENTER_LEFT);
        ComboBox<BuiltInSuites.Choice> suite = new ComboBox<>(vm.suite().choices());
        suite.setId("eval-suite");
        suite.setPromptText(I18n.t("eval.suite.pick"));
        Path chosen = vm.suite().fileProperty().get();
        vm.suite().choices().stream().filter(c -> c.file().equals(chosen)).findFirst().ifPresent(suite::setValue);
        suite.setOnAction(e -> {
            if (suite.getValue() != null && !suite.getValue().file().equals(vm.suite().fileProperty().get())) {
                vm.chooseSuite(suite.getValue().file());
            }
        });
        vm.suite().fileProperty().addListener((o, a, b) -> {
            BuiltInSuites.Choice match = vm.suite().choices().stream().filter(c -> c.file().equals(b)).findFirst()
                    .orElse(null);
            if (match != suite.getValue()) {
                suite.setValue(match);
            }
        });
        Button open = Icons.on(new Button(I18n.t("eval.suite.open")), Feather.FILE_TEXT);
        open.setId("eval-open-suite");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(I18n.t("eval.suite.open"));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.chooseSuite(f.toPath());
            }
        });
        Spinner<Integer> repeats = new Spinner<>(1, 100, Math.max(1, vm.repeatsProperty().get()));
        repeats.setId("eval-repeats");
        repeats.setEditable(true);
        repeats.setPrefWidth(80);
        repeats.valueProperty().addListener((o, a, b) -> vm.repeatsProperty().set(b));
        Button run = Icons.on(new Button(I18n.t("eval.run")), Feather.PLAY);
        run.setId("eval-run");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> vm.run());
        Button stop = Icons.on(new Button(I18n.t("eval.stop")), Feather.STOP_CIRCLE);
        stop.setId("eval-stop");
        stop.setOnAction(e -> vm.stop());
        Button resume = Icons.on(new Button(I18n.t("eval.resume")), Feather.SKIP_FORWARD);
        resume.setId("eval-resume");
        resume.setOnAction(e -> vm.resume());
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get().busy(),
                vm.stateProperty()));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get() != RunState.RUNNING,
                vm.stateProperty()));
        resume.disableProperty().bind(vm.canResumeProperty().not());
        Button openRun = Icons.on(new Button(I18n.t("eval.openRun")), Feather.FOLDER);
        openRun.setId("eval-open-run");
        openRun.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle(I18n.t("eval.openRun"));
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                vm.openRun(f.toPath());
            }
        });
        MenuButton export = Icons.on(new MenuButton(I18n.t("eval.export")), Feather.SHARE);
        export.setId("eval-export");
        export.disableProperty().bind(vm.infoProperty().isNull());
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem item = new MenuItem(f.name());
            item.setId("eval-export-" + f.extension());
            item.setOnAction(e -> {
                Path target = exports.ask(getScene().getWindow(), I18n.t("eval.export"), reportName(vm, f));
                if (target != null) {
                    vm.export(f, target);
                }
            });
            export.getItems().add(item);
        }
        Label suiteLabel = new Label(I18n.t("eval.suite"));
        Label repeatsLabel = new Label(I18n.t("eval.repeats"));
        repeats.setTooltip(new javafx.scene.control.Tooltip(I18n.t("eval.repeats")));
        suite.setMinWidth(160);
        suite.setPrefWidth(280);
        suite.setMaxWidth(Double.MAX_VALUE);
        
        repeats.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(suiteLabel, suite, open, separator(), repeatsLabel, repeats, separator(), run, stop,
                resume, separator(), openRun, export);
        Folding.install(this, java.util.List.of(export, openRun, open, resume, stop, run),
                java.util.List.of(suiteLabel, repeatsLabel));
    }

    /** {@code SUITE-YYYY-MM-DD.ext}: the shown run's suite and the day it started (today when unknown). */
    static String reportName(EvaluationViewModel vm, ExportFormat f) {
        dev.qwenwb.evaluation.run.RunInfo info = vm.infoProperty().get();
        java.time.LocalDate day = java.time.LocalDate.now();
        try {
            day = java.time.OffsetDateTime.parse(info.started()).toLocalDate();
        } catch (RuntimeException e) {
            // an older or hand-made run.json: today
        }
        return dev.qwenwb.app.ui.common.Exports.fileName(info == null ? "" : info.suiteName(), day, f.extension());
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
