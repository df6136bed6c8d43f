package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.model.GenerationConfig;
import javafx.css.PseudoClass;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The conversation's generation settings; an empty field means "model default" (shown as its prompt text). A field
 * that does not parse is marked and named below the fields, and OK stays disabled until it does (see
 * {@link SettingsForm}). The response format (text, JSON, JSON schema) shows a schema field for the last, checked the
 * same way.
 */
final class SettingsDialog {

    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");

    private final ChatViewModel vm;

    SettingsDialog(ChatViewModel vm) {
        this.vm = vm;
    }

    void showAndApply(Window owner) {
        SettingsForm form = new SettingsForm(vm.settingsProperty().get());
        ChatGenerator g = vm.generatorProperty().get();
        GenerationConfig d = g == null ? null : g.defaults();
        Object[] defaults = {d == null ? null : d.doSample() ? d.temperature() : 0.0, d == null ? null : d.topP(),
            d == null ? null : d.topK(), d == null ? null : d.repetitionPenalty(),
            d == null ? null : Limits.defaults().resolveMaxNewTokens(d), null};
        TextArea system = new TextArea();
        system.setId("settings-system");
        system.textProperty().bindBidirectional(form.systemProperty());
        system.setPromptText(I18n.t("settings.systemDefault"));
        system.setPrefRowCount(3);
        system.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, label("settings.system"), system);
        int row = 1;
        for (SettingsForm.Field f : SettingsForm.Field.values()) {
            TextField field = new TextField();
            field.setId("settings-" + f.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            field.textProperty().bindBidirectional(form.text(f));
            Object def = defaults[f.ordinal()];
            field.setPromptText(I18n.t("settings.modelDefault") + (def == null ? "" : " (" + def + ")"));
            field.pseudoClassStateChanged(DANGER, form.error(f).get() != null);
            form.error(f).addListener((o, a, b) -> field.pseudoClassStateChanged(DANGER, b != null));
            grid.addRow(row++, label(f.labelKey()), field);
        }
        ChoiceBox<SettingsForm.Format> format = new ChoiceBox<>();
        format.setId("settings-format");
        format.getItems().setAll(SettingsForm.Format.values());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(SettingsForm.Format f) {
                return f == null ? "" : I18n.t(f.labelKey());
            }

            @Override
            public SettingsForm.Format fromString(String s) {
                return null;
            }
        });
        format.valueProperty().bindBidirectional(form.formatProperty());
        format.setTooltip(new Tooltip(I18n.t("settings.formatTip")));
        grid.addRow(row++, label("settings.format"), format);
        TextArea schema = new TextArea();
        schema.setId("settings-json-schema");
        schema.textProperty().bindBidirectional(form.schemaProperty());
        schema.setPromptText(I18n.t("settings.jsonSchemaPrompt"));
        schema.setPrefRowCount(5);
        schema.setWrapText(true);
        schema.pseudoClassStateChanged(DANGER, form.schemaError().get() != null);
        form.schemaError().addListener((o, a, b) -> schema.pseudoClassStateChanged(DANGER, b != null));
        Label schemaLabel = label("settings.jsonSchema");
        for (javafx.scene.Node n : new javafx.scene.Node[] {schemaLabel, schema}) {
            n.visibleProperty().bind(form.formatProperty().isEqualTo(SettingsForm.Format.JSON_SCHEMA));
            n.managedProperty().bind(n.visibleProperty());
        }
        grid.addRow(row++, schemaLabel, schema);
        Label error = new Label();
        error.setId("settings-error");
        error.getStyleClass().add("eval-notice");
        error.setWrapText(true);
        error.textProperty().bind(form.errorProperty());
        error.visibleProperty().bind(form.validProperty().not());
        error.managedProperty().bind(error.visibleProperty());
        grid.add(error, 0, row, 2, 1);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("settings.title"));
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = DialogButtons.okCancel(dialog.getDialogPane());
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(form.validProperty().not());
        dialog.showAndWait().filter(DialogButtons::isOk).ifPresent(b -> vm.applySettings(form.result()));
    }

    private static Label label(String key) {
        Label label = new Label(I18n.t(key));
        label.setMinWidth(Region.USE_PREF_SIZE); // the field shrinks, never the label
        return label;
    }
}
