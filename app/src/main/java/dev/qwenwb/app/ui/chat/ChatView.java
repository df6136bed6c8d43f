package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The chat: title, messages, notice, the banner shown while a message is being edited, prompt box and the send /
 * stop / regenerate / settings buttons.
 */
public final class ChatView extends BorderPane {

    private final ChatViewModel vm;
    private final VBox list = new VBox(12);
    private final ScrollPane scroll = new ScrollPane(list);
    private final TextArea input = new TextArea();
    private final Button send = Icons.on(new Button(I18n.t("send")), Feather.SEND);
    private final Button stop = Icons.on(new Button(I18n.t("stop")), Feather.STOP_CIRCLE);
    private final Button regenerate = Icons.on(new Button(I18n.t("regenerate")), Feather.REFRESH_CW);
    private final Button settings = Icons.on(new Button(I18n.t("settings")), Feather.SLIDERS);
    private Node emptyState;

    /** A view of {@code vm}. */
    public ChatView(ChatViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        getStyleClass().add("chat");
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> ChatViewModel.NEW_TITLE.equals(
                vm.titleProperty().get()) ? I18n.t("conversations.new") : vm.titleProperty().get(), vm.titleProperty()));
        title.getStyleClass().addAll("title-3", "chat-title");
        title.setId("chat-title");
        setTop(title);
        list.getStyleClass().add("message-list");
        list.setId("message-list");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);

        Label notice = new Label();
        notice.setId("chat-notice");
        notice.getStyleClass().add("chat-notice");
        notice.setWrapText(true);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        input.setId("prompt");
        input.setPromptText(I18n.t("prompt.hint"));
        input.setPrefRowCount(3);
        input.setWrapText(true);
        input.textProperty().bindBidirectional(vm.inputProperty());
        send.setId("send");
        stop.setId("stop");
        regenerate.setId("regenerate");
        settings.setId("settings");
        send.getStyleClass().add("accent");
        send.setDefaultButton(false);
        send.setOnAction(e -> vm.send());
        stop.setOnAction(e -> vm.stop());
        regenerate.setOnAction(e -> vm.regenerate());
        settings.setOnAction(e -> openSettings());
        send.disableProperty().bind(vm.generatingProperty());
        regenerate.disableProperty().bind(vm.canRegenerateProperty().not());
        stop.disableProperty().bind(vm.generatingProperty().not());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, settings, gap, regenerate, stop, send);
        VBox bottom = new VBox(6, notice, editingBanner(), input, buttons);
        bottom.getStyleClass().add("chat-input");
        setBottom(bottom);
    }

    /** Shows {@code node} in the message list while the conversation has no messages (it hides itself). */
    public void setEmptyState(Node node) {
        emptyState = node;
        rebuild();
    }

    /** Puts the cursor at the end of the prompt box. */
    public void focusInput() {
        input.requestFocus();
        input.positionCaret(input.getLength());
    }

    /** Opens the conversation's settings dialog (the Settings button). */
    public void openSettings() {
        new SettingsDialog(vm).showAndApply(getScene().getWindow());
    }

    private HBox editingBanner() {
        Label what = new Label(I18n.t("edit.banner"));
        what.setWrapText(true);
        Button cancel = Icons.on(new Button(I18n.t("edit.cancel")), Feather.X);
        cancel.setId("cancel-edit");
        cancel.getStyleClass().addAll("small", "flat");
        cancel.setOnAction(e -> vm.cancelEdit());
        HBox banner = new HBox(8, what, cancel);
        banner.setId("edit-banner");
        banner.getStyleClass().add("edit-banner");
        banner.visibleProperty().bind(vm.editingProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void initListeners() {
        vm.editingProperty().addListener((o, a, b) -> {
            if (b != null) {
                focusInput();
            }
        });
        input.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
                if (e.isShiftDown()) {
                    input.insertText(input.getCaretPosition(), "\n");
                } else {
                    vm.send();
                }
            }
        });
        vm.messages().addListener((ListChangeListener<MessageViewModel>) c -> rebuild());
        list.heightProperty().addListener((o, a, b) -> {
            if (vm.generatingProperty().get()) {
                scroll.setVvalue(1.0);
            }
        });
        rebuild();
    }

    private void rebuild() {
        if (vm.messages().isEmpty() && emptyState != null) {
            list.getChildren().setAll(emptyState);
            return;
        }
        list.getChildren().setAll(vm.messages().stream().map(m -> new MessageView(m, vm)).toList());
        scroll.setVvalue(1.0);
    }
}
