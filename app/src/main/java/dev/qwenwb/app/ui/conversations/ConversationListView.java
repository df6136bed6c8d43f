package dev.qwenwb.app.ui.conversations;

import atlantafx.base.controls.CustomTextField;
import dev.qwenwb.app.ui.chat.ChatViewModel;
import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.Exports;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.common.Icons;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.Exporter;
import java.io.IOException;
import dev.qwenwb.inference.util.FileTrees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The conversation list: new, search, and for the selected conversation rename (F2), delete (Delete, after asking)
 * and export as Markdown or JSON, from icon buttons under the list, the keyboard, or an entry's context
 * menu.
 */
public final class ConversationListView extends VBox {

    private final ConversationListViewModel vm;
    private final ListView<Conversation> list = new ListView<>();
    private final CustomTextField search = new CustomTextField();
    private final BiConsumer<Conversation, String> onRename;
    private final Consumer<Conversation> onDelete;
    private final Exports exports;

    /**
     * @param vm       the list
     * @param onOpen   opens a conversation in the chat
     * @param onNew    starts a new conversation
     * @param onRename renames (id, title)
     * @param onDelete deletes
     * @param exports  where exports are saved
     */
    public ConversationListView(ConversationListViewModel vm, Consumer<Conversation> onOpen, Runnable onNew,
                                BiConsumer<Conversation, String> onRename, Consumer<Conversation> onDelete,
                                Exports exports) {
        this.vm = vm;
        this.onRename = onRename;
        this.onDelete = onDelete;
        this.exports = exports;
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
        list.setCellFactory(v -> new Cell());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && (vm.selectedProperty().get() == null || !b.id().equals(vm.selectedProperty().get().id()))) {
                onOpen.accept(b);
            }
        });
        list.setOnKeyPressed(e -> {
            Conversation c = list.getSelectionModel().getSelectedItem();
            if (c != null && e.getCode() == KeyCode.F2) {
                rename(c);
                e.consume();
            } else if (c != null && (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE)) {
                delete(c);
                e.consume();
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> select(b));
        VBox.setVgrow(list, Priority.ALWAYS);
        search.setMaxWidth(Double.MAX_VALUE);
        HBox actions = actions(); // under the list, as list footers go (beside the search field they clipped its prompt)
        actions.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        getChildren().addAll(add, search, list, actions);
    }

    /** Rename, delete and export of the selected conversation: icon buttons with tooltips. */
    private HBox actions() {
        BooleanBinding none = list.getSelectionModel().selectedItemProperty().isNull();
        Button rename = iconButton("conversation-rename", Feather.EDIT_2, I18n.t("conversations.renameTip"));
        rename.setOnAction(e -> rename(selected()));
        Button delete = iconButton("conversation-delete", Feather.TRASH_2, I18n.t("conversations.deleteTip"));
        delete.setOnAction(e -> delete(selected()));
        MenuButton export = Icons.on(new MenuButton(), Feather.DOWNLOAD);
        export.setId("conversation-export");
        export.setTooltip(new Tooltip(I18n.t("conversations.export")));
        export.setAccessibleText(I18n.t("conversations.export"));
        export.getItems().addAll(exportItems(this::selected));
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {rename, delete, export}) {
            c.disableProperty().bind(none);
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            c.getStyleClass().addAll(atlantafx.base.theme.Styles.BUTTON_ICON, atlantafx.base.theme.Styles.FLAT);
        }
        return new HBox(2, rename, delete, export);
    }

    private static Button iconButton(String id, Feather icon, String tip) {
        Button b = Icons.on(new Button(), icon);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        return b;
    }

    /** Export as Markdown… and as JSON…, of what {@code which} gives when chosen. */
    private MenuItem[] exportItems(java.util.function.Supplier<Conversation> which) {
        MenuItem md = Icons.on(new MenuItem(I18n.t("conversations.exportMarkdown")), Feather.FILE_TEXT);
        md.setId("conversation-export-md");
        md.setOnAction(e -> export(which.get(), Exporter.markdown(which.get()), "md"));
        MenuItem json = Icons.on(new MenuItem(I18n.t("conversations.exportJson")), Feather.CODE);
        json.setId("conversation-export-json");
        json.setOnAction(e -> export(which.get(), Exporter.json(which.get()), "json"));
        return new MenuItem[] {md, json};
    }

    /** Puts the cursor in the search field, its text selected. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private Conversation selected() {
        return list.getSelectionModel().getSelectedItem();
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

    private static String title(Conversation c) {
        return ChatViewModel.NEW_TITLE.equals(c.title()) ? I18n.t("conversations.new") : c.title();
    }

    private void rename(Conversation c) {
        if (c == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog(c.title());
        d.setHeaderText(I18n.t("conversations.rename"));
        d.setTitle(I18n.t("conversations.rename"));
        DialogButtons.okCancel(d.getDialogPane());
        if (getScene() != null) {
            d.initOwner(getScene().getWindow());
        }
        d.showAndWait().map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t -> onRename.accept(c, t));
    }

    private void delete(Conversation c) {
        if (c == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("conversations.deleteConfirm", title(c)),
                DialogButtons.ok(), DialogButtons.cancel());
        a.setTitle(I18n.t("conversations.delete"));
        a.setHeaderText(null);
        if (getScene() != null) {
            a.initOwner(getScene().getWindow());
        }
        a.showAndWait().filter(DialogButtons::isOk).ifPresent(b -> onDelete.accept(c));
    }

    private void export(Conversation c, String text, String extension) {
        if (c == null) {
            return;
        }
        Path f = exports.ask(getScene().getWindow(), I18n.t("conversations.export"),
                Exports.fileName(title(c), null, extension));
        if (f != null) {
            try {
                FileTrees.writeAtomically(f, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ex) {
                new Alert(Alert.AlertType.ERROR, I18n.t("conversations.exportFailed", f, ex.getMessage()),
                        DialogButtons.close()).showAndWait();
            }
        }
    }

    private final class Cell extends ListCell<Conversation> {
        Cell() {
            MenuItem rename = Icons.on(new MenuItem(I18n.t("conversations.rename")), Feather.EDIT_2);
            MenuItem delete = Icons.on(new MenuItem(I18n.t("conversations.delete")), Feather.TRASH_2);
            rename.setOnAction(e -> rename(getItem()));
            delete.setOnAction(e -> delete(getItem()));
            ContextMenu menu = new ContextMenu(rename, delete);
            menu.getItems().addAll(exportItems(this::getItem));
            menu.getItems().forEach(i -> i.setId(null)); // the ids are the buttons' menu's
            setContextMenu(menu);
        }

        @Override
        protected void updateItem(Conversation c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : title(c));
            setPrefWidth(0); // as wide as the list: a long title ends in "…" (whole in the tooltip), never scrolls
            setTooltip(getText() == null ? null : new Tooltip(getText()));
        }
    }
}
