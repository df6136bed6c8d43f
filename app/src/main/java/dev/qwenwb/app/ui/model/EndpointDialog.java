package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.common.DialogButtons;
import dev.qwenwb.app.ui.common.I18n;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The "Add endpoint…" dialog (Model menu): an OpenAI-compatible server's base URL, model name and API key. */
public final class EndpointDialog {

    private final EndpointDialogViewModel vm;

    /** A dialog over {@code vm}. */
    public EndpointDialog(EndpointDialogViewModel vm) {
        this.vm = vm;
    }

    /** Shows the dialog; the endpoint when the user pressed OK. */
    public Optional<RemoteEndpoint> showAndWait(Window owner) {
        TextField url = new TextField();
        url.setId("endpoint-url");
        url.setPrefColumnCount(28);
        url.textProperty().bindBidirectional(vm.baseUrlProperty());
        TextField model = new TextField();
        model.setId("endpoint-model");
        model.textProperty().bindBidirectional(vm.modelProperty());
        PasswordField key = new PasswordField();
        key.setId("endpoint-key");
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        Label error = new Label();
        error.setId("endpoint-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.textProperty().bind(vm.errorProperty());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, label(I18n.t("endpoint.url")), url);
        grid.addRow(1, label(I18n.t("endpoint.model")), model);
        grid.addRow(2, label(I18n.t("endpoint.key")), key);
        Label note = new Label(I18n.t("endpoint.keyNote"));
        note.setWrapText(true); // a paragraph: its lines wrap at the form's width, none is cut
        note.setPrefWidth(440);
        note.setMaxWidth(520);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(note, 0, 3, 2, 1);
        grid.add(error, 0, 4, 2, 1);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(I18n.t("endpoint.title"));
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = DialogButtons.okCancel(dialog.getDialogPane());
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(vm.errorProperty().isNotNull());
        return dialog.showAndWait().filter(DialogButtons::isOk).flatMap(b -> vm.result());
    }

    /** A field's name: never narrower than its words. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
