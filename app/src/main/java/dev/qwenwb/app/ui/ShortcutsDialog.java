package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help ▸ Keyboard shortcuts: every row of the {@link Shortcut} table, its keys as this platform writes them. */
final class ShortcutsDialog {

    private ShortcutsDialog() {
    }

    /** Shows the list (not modal to anything but {@code owner}); returns the dialog. */
    static Dialog<ButtonType> show(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        grid.setId("shortcuts");
        int row = 0;
        for (Shortcut s : Shortcut.values()) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.getStyleClass().add("shortcut-keys");
            keys.setId("shortcut-" + s.id());
            Label what = Icons.on(new Label(I18n.t(s.messageKey())), s.icon());
            grid.addRow(row++, keys, what);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("shortcut.list"));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(DialogButtons.close());
        dialog.show();
        return dialog;
    }
}
