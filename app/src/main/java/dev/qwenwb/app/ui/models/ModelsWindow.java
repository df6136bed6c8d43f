package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.I18n;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Models view in a window of its own (Model ▸ Models…): one per view model, brought to front when open. */
public final class ModelsWindow {

    private final ModelsViewModel vm;
    private Stage stage;

    /** A window over {@code vm} (not shown yet). */
    public ModelsWindow(ModelsViewModel vm) {
        this.vm = vm;
    }

    /** Shows the window (built on first use, again after a language change), or brings it to front. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setOnHidden(e -> stage = null);
            Scene scene = new Scene(new ModelsView(vm), 1100, 760);
            scene.getStylesheets().add(Objects.requireNonNull(
                    ModelsWindow.class.getResource("/dev/qwenwb/app/ui/workbench.css")).toExternalForm());
            stage.setScene(scene);
            stage.setTitle(I18n.t("models.title"));
        }
        stage.show();
        stage.toFront();
    }
}
