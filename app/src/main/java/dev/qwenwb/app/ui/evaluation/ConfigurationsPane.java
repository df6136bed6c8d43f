package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;

/** The configurations side by side as columns, with add and the saved configuration sets. */
final class ConfigurationsPane extends BorderPane {

    private final ConfigurationsViewModel vm;
    private final HBox columns = new HBox(12);

    ConfigurationsPane(ConfigurationsViewModel vm) {
        this.vm = vm;
        setId("eval-configurations");
        getStyleClass().add("eval-configurations");
        Button add = Icons.on(new Button(I18n.t("eval.config.add")), Feather.PLUS);
        add.setId("eval-config-add");
        add.setOnAction(e -> vm.add());
        ComboBox<String> sets = new ComboBox<>(vm.setNames());
        sets.setId("eval-config-sets");
        sets.setPromptText(I18n.t("eval.config.sets"));
        Button load = Icons.on(new Button(I18n.t("eval.config.load")), Feather.UPLOAD);
        load.setId("eval-config-load");
        load.disableProperty().bind(sets.valueProperty().isNull());
        load.setOnAction(e -> vm.loadSet(sets.getValue()));
        Button save = Icons.on(new Button(I18n.t("eval.config.save")), Feather.SAVE);
        save.setId("eval-config-save");
        save.setOnAction(e -> {
            TextInputDialog d = new TextInputDialog(sets.getValue() == null ? "" : sets.getValue());
            d.initOwner(getScene().getWindow());
            d.setTitle(I18n.t("eval.config.save"));
            d.setHeaderText(I18n.t("eval.config.saveName"));
            DialogButtons.okCancel(d.getDialogPane());
            d.showAndWait().ifPresent(name -> {
                vm.saveSet(name);
                sets.setValue(name.strip());
            });
        });
        Button delete = Icons.on(new Button(I18n.t("eval.config.deleteSet")), Feather.TRASH_2);
        delete.setId("eval-config-delete-set");
        delete.disableProperty().bind(sets.valueProperty().isNull());
        delete.setOnAction(e -> {
            vm.deleteSet(sets.getValue());
            sets.setValue(null);
        });
        Label problem = new Label();
        problem.getStyleClass().add("eval-notice");
        problem.textProperty().bind(vm.problemProperty());
        HBox bar = new HBox(8, add, new Label("  "), sets, load, save, delete, problem);
        bar.getStyleClass().add("eval-config-bar");
        setTop(bar);
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToHeight(true);
        columns.getStyleClass().add("config-columns");
        setCenter(scroll);
        vm.items().addListener((ListChangeListener<ConfigurationViewModel>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        columns.getChildren().setAll(vm.items().stream().map(c -> new ConfigurationColumn(vm, c)).toList());
    }
}
