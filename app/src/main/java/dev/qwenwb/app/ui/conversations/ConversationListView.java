package dev.qwenwb.app.ui.conversations;

import atlantafx.base.controls.CustomTextField;
import dev.qwenwb.app.ui.chat.ChatViewModel;
import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.Exporter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;

/** The conversation list: search, new, and per entry open / rename / delete / export. */
public final class ConversationListView extends VBox {

    private final ConversationListViewModel vm;
    private final ListView<Conversation> list = new ListView<>();
    private final CustomTextField search = new CustomTextField();

    /**
     * @param vm       the list
     * @param onOpen   opens a conversation in the chat
     * @param onNew    starts a new conversation
     * @param onRename renames (id, title)
     * @param onDelete deletes
     */
    public ConversationListView(ConversationListViewModel vm, Consumer<Conversation> onOpen, Runnable onNew,
                                java.util.function.BiConsumer<Conversation, String> onRename,
                                Consumer<Conversation> onDelete) {
        this.vm = vm;
        getStyleClass().add("conversation-list");
        setSpacing(6);
        search.setId("conversation-search");
        search.setLeft(Icons.of(Feather.SEARCH));
        search.setPromptText(I18n.t("conversations.search"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        Button add = Icons.on(new Button(I18n.t("conversations.new")), Feather.PLUS);
        add.setId("new-conversation");
        add.setMaxWidth(Double.MAX_VALUE);
        add.setOnAction(e -> onNew.run());
        list.setId("conversations");
        list.setItems(vm.shown());
        list.setCellFactory(v -> new Cell(onRename, onDelete));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && (vm.selectedProperty().get() == null || !b.id().equals(vm.selectedProperty().get().id()))) {
                onOpen.accept(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> select(b));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(add, search, list);
    }

    /** Puts the cursor in the search field, its text selected. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private void select(Conversation c) {
        if (c == null) {
            list.getSelectionModel().clearSelection();
            return;
        }
        for (Conversation x : list.getItems()) {
            if (x.id().equals(c.id())) {
                list.getSelectionModel().select(x);
                return;
            }
        }
    }

    private final class Cell extends ListCell<Conversation> {
        Cell(java.util.function.BiConsumer<Conversation, String> onRename, Consumer<Conversation> onDelete) {
            MenuItem rename = Icons.on(new MenuItem(I18n.t("conversations.rename")), Feather.EDIT_2);
            MenuItem delete = Icons.on(new MenuItem(I18n.t("conversations.delete")), Feather.TRASH_2);
            MenuItem md = Icons.on(new MenuItem(I18n.t("conversations.exportMarkdown")), Feather.FILE_TEXT);
            MenuItem json = Icons.on(new MenuItem(I18n.t("conversations.exportJson")), Feather.CODE);
            rename.setOnAction(e -> {
                TextInputDialog d = new TextInputDialog(getItem().title());
                d.setHeaderText(I18n.t("conversations.rename"));
                d.setTitle(I18n.t("conversations.rename"));
                DialogButtons.okCancel(d.getDialogPane());
                d.showAndWait().ifPresent(t -> onRename.accept(getItem(), t));
            });
            delete.setOnAction(e -> onDelete.accept(getItem()));
            md.setOnAction(e -> export(getItem(), Exporter.markdown(getItem()), ".md"));
            json.setOnAction(e -> export(getItem(), Exporter.json(getItem()), ".json"));
            setContextMenu(new ContextMenu(rename, delete, md, json));
        }

        @Override
        protected void updateItem(Conversation c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null
                    : ChatViewModel.NEW_TITLE.equals(c.title()) ? I18n.t("conversations.new") : c.title());
            setPrefWidth(0); // as wide as the list: a long title ends in "…" (whole in the tooltip), never scrolls
            setTooltip(getText() == null ? null : new javafx.scene.control.Tooltip(getText()));
        }

        private void export(Conversation c, String text, String ext) {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName(c.title().replaceAll("[^\\p{L}\\p{N}_-]+", "_") + ext);
            java.io.File f = fc.showSaveDialog(getScene().getWindow());
            if (f != null) {
                try {
                    Files.writeString(f.toPath(), text);
                } catch (IOException ex) {
                    new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                            I18n.t("conversations.exportFailed", f, ex.getMessage()),
                            dev.qwenwb.app.ui.common.DialogButtons.close()).showAndWait();
                }
            }
        }
    }
}
