package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.Coalescer;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.app.ui.store.ReplyStats;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * One message: role, markdown body (parsed off the FX thread), a footer of icon actions (edit on user messages,
 * regenerate on the last reply, copy, delete), and for replies stats and version switcher.
 */
public final class MessageView extends VBox {

    private static final ExecutorService RENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "markdown-render");
        t.setDaemon(true);
        return t;
    });

    private final MessageViewModel vm;
    private final ChatViewModel chat;
    private final VBox body = new VBox(6);
    private final Label stats = new Label();
    private final Label error = new Label();
    private final ProgressIndicator prefill = new ProgressIndicator();
    private final Coalescer<List<MarkdownBlocks.Block>> rendered =
            new Coalescer<>(Platform::runLater, blocks -> body.getChildren().setAll(MarkdownView.nodes(blocks)));

    /** A view of {@code vm} in {@code chat}. */
    public MessageView(MessageViewModel vm, ChatViewModel chat) {
        this.vm = vm;
        this.chat = chat;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().addAll("message", vm.isUser() ? "message-user" : "message-assistant");
        setSpacing(4);
        Label role = new Label(I18n.t(vm.isUser() ? "role.user" : "role.assistant"));
        role.getStyleClass().add("message-role");
        body.getStyleClass().add("message-body");
        getChildren().addAll(role, body);
        error.getStyleClass().add("message-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        getChildren().add(error);
        if (!vm.isUser()) {
            prefill.setPrefSize(16, 16);
            prefill.managedProperty().bind(prefill.visibleProperty());
            prefill.visibleProperty().bind(vm.prefillingProperty());
            stats.getStyleClass().add("message-stats");
            stats.setWrapText(true); // in a narrow chat (artifacts open at 1366 px) the stats wrap, never cut
            stats.setMinWidth(80);
            HBox.setHgrow(stats, javafx.scene.layout.Priority.SOMETIMES);
            HBox footer = new HBox(8, prefill, stats, versionSwitcher(), regenerateButton(), copyButton(),
                    deleteButton());
            footer.getStyleClass().add("message-footer");
            getChildren().add(footer);
        } else {
            HBox footer = new HBox(8, editButton(), copyButton(), deleteButton());
            footer.getStyleClass().add("message-footer");
            getChildren().add(footer);
        }
    }

    /** A message action: its icon only (a row of them under each message, as chat apps have), named in a tooltip. */
    private static Button action(String key, Ikon icon) {
        Button b = Icons.on(new Button(), icon);
        b.setTooltip(new Tooltip(I18n.t(key)));
        b.setAccessibleText(I18n.t(key));
        return b;
    }

    private Button deleteButton() {
        Button delete = action("message.delete", Feather.TRASH_2);
        delete.getStyleClass().addAll("small", "flat", "message-delete");
        delete.disableProperty().bind(chat.generatingProperty());
        delete.setOnAction(e -> chat.delete(vm));
        return delete;
    }

    /** On the last reply only: generates it again as a new version (as the chat's Regenerate does). */
    private Button regenerateButton() {
        Button again = action("regenerate", Feather.REFRESH_CW);
        again.getStyleClass().addAll("small", "flat", "message-regenerate");
        again.disableProperty().bind(chat.generatingProperty());
        again.setOnAction(e -> chat.regenerate());
        boolean last = !chat.messages().isEmpty() && chat.messages().get(chat.messages().size() - 1) == vm;
        again.setVisible(last);
        again.setManaged(last);
        return again;
    }

    private Button editButton() {
        Button edit = action("message.edit", Feather.EDIT_2);
        edit.getStyleClass().addAll("small", "flat", "message-edit");
        edit.disableProperty().bind(chat.generatingProperty());
        edit.setOnAction(e -> chat.edit(vm));
        return edit;
    }

    private HBox versionSwitcher() {
        Button prev = Icons.on(new Button(), Feather.CHEVRON_LEFT);
        Button next = Icons.on(new Button(), Feather.CHEVRON_RIGHT);
        Label which = new Label();
        prev.getStyleClass().addAll("small", "flat", "version-prev");
        next.getStyleClass().addAll("small", "flat", "version-next");
        which.getStyleClass().add("version-label");
        which.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        prev.setOnAction(e -> chat.selectVersion(vm, vm.selectedProperty().get() - 1));
        next.setOnAction(e -> chat.selectVersion(vm, vm.selectedProperty().get() + 1));
        Runnable sync = () -> {
            which.setText((vm.selectedProperty().get() + 1) + " / " + vm.versionCountProperty().get());
            prev.setDisable(vm.selectedProperty().get() == 0 || vm.streamingProperty().get());
            next.setDisable(vm.selectedProperty().get() >= vm.versionCountProperty().get() - 1
                    || vm.streamingProperty().get());
        };
        vm.selectedProperty().addListener((o, a, b) -> sync.run());
        vm.versionCountProperty().addListener((o, a, b) -> sync.run());
        vm.streamingProperty().addListener((o, a, b) -> sync.run());
        sync.run();
        HBox box = new HBox(2, prev, which, next);
        box.getStyleClass().add("version-switcher");
        box.visibleProperty().bind(vm.versionCountProperty().greaterThan(1));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Button copyButton() {
        Button copy = action("copy", Feather.COPY);
        copy.getStyleClass().addAll("small", "flat", "message-copy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.textProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        return copy;
    }

    private void initListeners() {
        vm.textProperty().addListener((o, a, b) -> render(b));
        render(vm.textProperty().get());
        vm.statsProperty().addListener((o, a, b) -> stats.setText(describe(b)));
        stats.setText(describe(vm.statsProperty().get()));
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    }

    private void render(String text) {
        String t = text == null ? "" : text;
        RENDER.execute(() -> rendered.push(MarkdownBlocks.parse(t)));
    }

    /** A finish reason ("eos", "length", "stop", "cancelled", …) in the window's language; unknown ones as they are. */
    public static String finish(String reason) {
        String key = "finish." + reason;
        String t = I18n.t(key);
        return t.equals(key) ? reason : t;
    }

    /** "TTFT 80 ms · 120.0 tok/s · 42 tokens · eos". */
    static String describe(ReplyStats s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(I18n.t("stats.ttft")).append(' ')
                .append(s.ttftMs() < 0 ? "…" : String.format(Locale.ROOT, "%.0f ms", s.ttftMs()));
        sb.append(" · ").append(String.format(Locale.ROOT, "%.1f ", s.tokensPerS())).append(I18n.t("stats.tps"));
        sb.append(" · ").append(s.tokens()).append(' ').append(I18n.t("stats.tokens"));
        sb.append(" · ").append(s.finishReason() == null ? I18n.t("stats.streaming") : finish(s.finishReason()));
        return sb.toString();
    }
}
