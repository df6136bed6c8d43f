package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import java.io.File;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/**
 * One configuration as a column: its name, duplicate and remove, and its RunConfig settings — a field per known
 * key (shown where it applies: engine keys for the engine, sampling keys when sampling), "More settings" for any
 * other {@code key=value}.
 */
final class ConfigurationColumn extends VBox {

    private final ConfigurationsViewModel list;
    private final ConfigurationViewModel vm;
    private final GridPane fields = new GridPane();
    private String shownKind;
    private boolean shownSampling;

    ConfigurationColumn(ConfigurationsViewModel list, ConfigurationViewModel vm) {
        this.list = list;
        this.vm = vm;
        getStyleClass().add("config-column");
        setSpacing(8);
        setPrefWidth(330);
        setMinWidth(300);
        getChildren().addAll(header(), sampling(), fields, extra());
        fields.setHgap(6);
        fields.setVgap(6);
        layoutFields();
        vm.setting("backend").addListener((o, a, b) -> layoutFields());
        vm.samplingProperty().addListener((o, a, b) -> layoutFields());
    }

    private Node header() {
        TextField name = new TextField(vm.nameProperty().get());
        name.getStyleClass().add("config-name");
        Runnable commit = () -> {
            if (!name.getText().equals(vm.nameProperty().get()) && !list.rename(vm, name.getText())) {
                name.setText(vm.nameProperty().get());
            }
        };
        name.setOnAction(e -> commit.run());
        name.focusedProperty().addListener((o, a, b) -> {
            if (!b) {
                commit.run();
            }
        });
        vm.nameProperty().addListener((o, a, b) -> name.setText(b));
        Button duplicate = Icons.on(new Button(I18n.t("eval.config.duplicate")), Feather.COPY);
        duplicate.getStyleClass().addAll("small", "config-duplicate");
        duplicate.setOnAction(e -> list.duplicate(vm));
        Button remove = Icons.on(new Button(I18n.t("eval.config.remove")), Feather.TRASH_2);
        remove.getStyleClass().addAll("small", "danger", "config-remove");
        remove.setOnAction(e -> list.remove(vm));
        duplicate.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox box = new HBox(4, name, duplicate, remove);
        box.getStyleClass().add("config-header");
        return box;
    }

    private Node sampling() {
        CheckBox box = new CheckBox(I18n.t("eval.config.sampling"));
        box.getStyleClass().add("config-sampling");
        box.selectedProperty().bindBidirectional(vm.samplingProperty());
        return box;
    }

    private Node extra() {
        TextArea area = new TextArea();
        area.getStyleClass().add("config-extra");
        area.setPromptText(I18n.t("eval.config.extraHint"));
        area.setPrefRowCount(3);
        area.textProperty().bindBidirectional(vm.extraProperty());
        return new VBox(2, new Label(I18n.t("eval.config.extra")), area);
    }

    /** Lays the fields out again when the backend kind or greedy/sampling changes (not on every keystroke). */
    private void layoutFields() {
        String kind = vm.kind();
        if (kind.equals(shownKind) && shownSampling == vm.samplingProperty().get()) {
            return;
        }
        shownKind = kind;
        shownSampling = vm.samplingProperty().get();
        fields.getChildren().clear();
        int row = 0;
        for (KnownSetting s : KnownSetting.ALL) {
            if (!s.appliesTo(kind, vm.samplingProperty().get())) {
                continue;
            }
            Label label = new Label(I18n.t("eval.setting." + s.key()));
            label.getStyleClass().add("setting-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
            Node field = field(s);
            GridPane.setHgrow(field, Priority.ALWAYS);
            fields.addRow(row++, label, field);
        }
    }

    private Node field(KnownSetting s) {
        StringProperty p = vm.setting(s.key());
        Node control;
        if (s.choices().isEmpty()) {
            TextField t = new TextField();
            t.textProperty().bindBidirectional(p);
            t.setPromptText(s.shownHint());
            control = t;
        } else {
            ComboBox<String> c = new ComboBox<>();
            c.setEditable(true);
            c.getItems().setAll(s.choices());
            c.getEditor().textProperty().bindBidirectional(p);
            c.setPromptText(s.shownHint());
            c.setMaxWidth(Double.MAX_VALUE);
            control = c;
        }
        control.getStyleClass().add("setting-" + s.key());
        if (s.key().equals("model") && vm.kind().equals("engine")) {
            return withBrowse(control, () -> {
                File f = new DirectoryChooser().showDialog(getScene().getWindow());
                if (f != null) {
                    p.set(f.getAbsolutePath());
                }
            });
        }
        if (s.key().equals("backend")) {
            return withBrowse(control, () -> {
                FileChooser fc = new FileChooser();
                fc.setTitle(I18n.t("eval.config.replayFile"));
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
                File f = fc.showOpenDialog(getScene().getWindow());
                if (f != null) {
                    p.set("replay:" + f.getAbsolutePath());
                }
            });
        }
        return control;
    }

    private static Node withBrowse(Node control, Runnable browse) {
        Button b = new Button("…");
        b.getStyleClass().addAll("small", "setting-browse");
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setTooltip(new javafx.scene.control.Tooltip(dev.qwenwb.app.ui.common.I18n.t("eval.config.browse")));
        b.setOnAction(e -> browse.run());
        HBox.setHgrow(control, Priority.ALWAYS);
        if (control instanceof ComboBox<?> c) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
        return new HBox(4, control, b);
    }
}
