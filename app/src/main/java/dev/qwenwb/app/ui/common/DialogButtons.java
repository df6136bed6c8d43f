package dev.qwenwb.app.ui.common;

import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;

/**
 * Dialog buttons with our own translated words: JavaFX's {@link ButtonType#OK}, {@code CANCEL} and {@code CLOSE}
 * take theirs from JavaFX's resources in the JVM's locale, so a window switched to Chinese on an English system
 * showed "Cancel". Compare results by {@link ButtonType#getButtonData()}, not by identity.
 */
public final class DialogButtons {

    private DialogButtons() {
    }

    /** OK (the default button). */
    public static ButtonType ok() {
        return new ButtonType(I18n.t("dialog.ok"), ButtonData.OK_DONE);
    }

    /** Cancel (Escape). */
    public static ButtonType cancel() {
        return new ButtonType(I18n.t("dialog.cancel"), ButtonData.CANCEL_CLOSE);
    }

    /** Close (Escape). */
    public static ButtonType close() {
        return new ButtonType(I18n.t("dialog.close"), ButtonData.CANCEL_CLOSE);
    }

    /** Gives {@code pane} OK and Cancel; returns the OK type. */
    public static ButtonType okCancel(DialogPane pane) {
        ButtonType ok = ok();
        pane.getButtonTypes().setAll(ok, cancel());
        return ok;
    }

    /** Whether {@code b} is the OK of a dialog. */
    public static boolean isOk(ButtonType b) {
        return b != null && b.getButtonData() == ButtonData.OK_DONE;
    }
}
