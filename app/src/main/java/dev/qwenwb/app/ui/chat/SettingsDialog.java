package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.model.GenerationConfig;
import java.util.function.Function;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The conversation's generation settings; an empty field means "model default" (shown as its prompt text). */
final class SettingsDialog {

    private final ChatViewModel vm;

    SettingsDialog(ChatViewModel vm) {
        this.vm = vm;
    }

    void showAndApply(Window owner) {
        ConversationSettings s = vm.settingsProperty().get();
        ChatGenerator g = vm.generatorProperty().get();
        GenerationConfig d = g == null ? null : g.defaults();
        TextArea system = new TextArea(s.systemPrompt() == null ? "" : s.systemPrompt());
        system.setPromptText(I18n.t("settings.systemDefault"));
        system.setPrefRowCount(3);
        system.setWrapText(true);
        TextField temperature = field(s.temperature(), d == null ? null : d.doSample() ? d.temperature() : 0.0);
        TextField topP = field(s.topP(), d == null ? null : d.topP());
        TextField topK = field(s.topK(), d == null ? null : d.topK());
        TextField penalty = field(s.repetitionPenalty(), d == null ? null : d.repetitionPenalty());
        TextField maxTokens = field(s.maxTokens(), d == null ? null : Limits.defaults().resolveMaxNewTokens(d));
        TextField seed = field(s.seed(), null);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        String[] labels = {"settings.system", "settings.temperature", "settings.topP", "settings.topK",
            "settings.repetitionPenalty", "settings.maxTokens", "settings.seed"};
        javafx.scene.Node[] fields = {system, temperature, topP, topK, penalty, maxTokens, seed};
        for (int i = 0; i < labels.length; i++) {
            Label label = new Label(I18n.t(labels[i]));
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the field shrinks, never the label
            grid.addRow(i, label, fields[i]);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("settings.title"));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            try {
                vm.applySettings(new ConversationSettings(system.getText().isBlank() ? null : system.getText(),
                        parse(temperature, Double::valueOf), parse(topP, Double::valueOf),
                        parse(topK, Integer::valueOf), parse(penalty, Double::valueOf),
                        parse(maxTokens, Integer::valueOf), parse(seed, Long::valueOf)));
            } catch (NumberFormatException e) {
                vm.noticeProperty().set(I18n.t("settings.invalid", e.getMessage()));
            }
        });
    }

    private static TextField field(Object value, Object modelDefault) {
        TextField f = new TextField(value == null ? "" : value.toString());
        f.setPromptText(I18n.t("settings.modelDefault") + (modelDefault == null ? "" : " (" + modelDefault + ")"));
        return f;
    }

    private static <T> T parse(TextField f, Function<String, T> p) {
        String t = f.getText().strip();
        return t.isEmpty() ? null : p.apply(t);
    }
}
