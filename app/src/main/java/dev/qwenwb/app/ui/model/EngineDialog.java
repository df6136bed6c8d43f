package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.llamacpp.GpuProbe;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The Engine dialog (Model menu): precision, device, context length and threads, applied on the next load. */
public final class EngineDialog {

    private final EngineSettingsViewModel vm;

    /** A dialog over {@code vm}. */
    public EngineDialog(EngineSettingsViewModel vm) {
        this.vm = vm;
    }

    /** Shows the dialog; the edited settings when the user pressed OK. */
    public Optional<EngineSettings> showAndWait(Window owner) {
        ComboBox<String> dtype = combo("engine-dtype", vm.dtypes().toArray(String[]::new));
        dtype.setConverter(labels("engine.dtype."));
        dtype.valueProperty().bindBidirectional(vm.dtypeProperty());
        ComboBox<String> device = combo("engine-device", vm.devices().toArray(String[]::new));
        device.setConverter(labels("engine.device."));
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        ComboBox<Integer> context = combo("engine-context", vm.contextLengths().toArray(Integer[]::new));
        context.valueProperty().bindBidirectional(vm.contextLengthProperty());
        Spinner<Integer> threads = new Spinner<>(0, vm.maxThreads(), vm.threadsProperty().get());
        threads.setId("engine-threads");
        threads.setEditable(true);
        threads.valueProperty().addListener((o, a, b) -> vm.threadsProperty().set(b));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, label(I18n.t("engine.dtype")), dtype);
        grid.addRow(1, label(I18n.t("engine.device")), device);
        grid.addRow(2, label(I18n.t("engine.context")), context);
        grid.addRow(3, label(I18n.t("engine.threads", vm.maxThreads())), threads);
        Label gpus = new Label("…");
        gpus.setId("engine-gpus");
        gpus.setWrapText(true);
        gpus.setPrefWidth(440); // its lines wrap at this width: the row grows to them, nothing is cut
        gpus.setMaxWidth(520);
        gpus.setMinHeight(Region.USE_PREF_SIZE);
        grid.addRow(4, label(I18n.t("engine.gpus")), gpus);
        grid.add(new Label(I18n.t("engine.nextLoad")), 0, 5, 2, 1);
        Thread probe = new Thread(() -> { // the GPU probe may start a child process: off the FX thread
            String s;
            try {
                s = GpuProbe.summary();
            } catch (RuntimeException e) {
                s = e.getMessage();
            }
            String text = I18n.t("engine.gpus.probed", s); // the engine's own detail, framed in the window's language
            Platform.runLater(() -> {
                gpus.setText(text);
                if (gpus.getScene() != null && gpus.getScene().getWindow() != null) {
                    gpus.getScene().getWindow().sizeToScene(); // the longer answer's lines: the dialog grows to them
                }
            });
        }, "engine-dialog-gpus");
        probe.setDaemon(true);
        probe.start();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("engine.title"));
        dialog.getDialogPane().setContent(grid);
        DialogButtons.okCancel(dialog.getDialogPane());
        return dialog.showAndWait().filter(DialogButtons::isOk).map(b -> vm.result());
    }

    /** A field's name: never narrower than its words (the column takes the longest). */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    @SafeVarargs
    private static <T> ComboBox<T> combo(String id, T... items) {
        ComboBox<T> c = new ComboBox<>();
        c.getItems().addAll(items);
        c.setId(id);
        return c;
    }

    private static StringConverter<String> labels(String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(String v) {
                if (v == null) {
                    return "";
                }
                String t = I18n.t(prefix + v);
                return t.equals(prefix + v) ? v : t;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }
}
