package dev.qwenwb.app.ui;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.chat.ChatViewModel;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.model.ModelDescription;
import dev.qwenwb.app.ui.model.ModelViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/** Model name, device, dtype, load state, memory in use, context used N / M. */
final class StatusBar extends HBox {

    private final Label model = label("status-model");
    private final Label device = label("status-device");
    private final Label dtype = label("status-dtype");
    private final Label state = label("status-state");
    private final Label memory = label("status-memory");
    private final Label context = label("status-context");

    StatusBar(ModelViewModel models, ChatViewModel chat) {
        getStyleClass().add("status-bar");
        setSpacing(10);
        getChildren().addAll(model, sep(), device, sep(), dtype, sep(), state, sep(), memory, sep(), context);
        Runnable sync = () -> {
            ModelDescription d = models.descriptionProperty().get();
            model.setText(d == null ? I18n.t("status.noModel")
                    : d.name() + (d.note().isEmpty() ? "" : " (" + note(d.note()) + ")"));
            device.setText(I18n.t("status.device", d == null ? "–" : d.device()));
            device.setTooltip(d == null || d.deviceReason().isEmpty() ? null : new Tooltip(d.deviceReason()));
            dtype.setText(I18n.t("status.dtype", d == null ? "–"
                    : d.dtype() + (d.dtypeAuto() ? " (" + I18n.t("status.auto") + ")" : "")));
            dtype.setTooltip(d == null || d.dtypeReason().isEmpty() ? null : new Tooltip(d.dtypeReason()));
            LoadState s = models.stateProperty().get();
            state.setText(s == LoadState.LOADING ? I18n.t("state.loading", models.loadingProperty().get())
                    : s == LoadState.READY && chat.generatingProperty().get() ? I18n.t("state.generating")
                    : I18n.t("state." + s.name().toLowerCase(java.util.Locale.ROOT)));
            long mb = models.memoryProperty().get();
            memory.setText(I18n.t("status.memory", mb < 0 ? "–" : mb + " MiB"));
            context.setText(I18n.t("status.context", chat.contextUsedProperty().get(),
                    d == null ? "–" : String.valueOf(d.contextLength())));
        };
        models.descriptionProperty().addListener((o, a, b) -> sync.run());
        models.stateProperty().addListener((o, a, b) -> sync.run());
        models.memoryProperty().addListener((o, a, b) -> sync.run());
        chat.contextUsedProperty().addListener((o, a, b) -> sync.run());
        chat.generatingProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> models.refreshMemory()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /** Adds the address the model is served on (shown while the server runs). */
    void showServer(dev.qwenwb.app.ui.serve.ServerViewModel server) {
        Label serving = label("status-server");
        Separator sep = sep();
        Runnable sync = () -> {
            String a = server.addressProperty().get();
            serving.setText(a == null ? "" : I18n.t("status.serving", a));
            serving.setVisible(a != null);
            sep.setVisible(a != null);
        };
        server.addressProperty().addListener((o, x, y) -> sync.run());
        sync.run();
        getChildren().addAll(sep, serving);
    }

    /** A model's note in the window's language (the demo model's is known). */
    static String note(String note) {
        return DemoModel.LABEL.equals(note) ? I18n.t("model.demoNote") : note;
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        return l;
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }
}
