package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.common.I18n;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The "Add endpoint…" dialog's state: base URL, model name and key, checked as they are typed. */
public final class EndpointDialogViewModel {

    private final StringProperty baseUrl = new SimpleStringProperty("http://127.0.0.1:8000/v1");
    private final StringProperty model = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

    /** Checks the fields on every edit. */
    public EndpointDialogViewModel() {
        baseUrl.addListener((o, a, b) -> check());
        model.addListener((o, a, b) -> check());
        check();
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    /** What is wrong with the fields, or null when they can be used. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    private void check() {
        try {
            candidate().toEndpoint();
            error.set(null);
        } catch (IllegalArgumentException e) {
            error.set(I18n.t("endpoint.invalid", e.getMessage()));
        }
    }

    private RemoteEndpoint candidate() {
        return new RemoteEndpoint(baseUrl.get().trim(), model.get().trim(), apiKey.get().trim());
    }

    /** @return the endpoint, when the fields are valid */
    public Optional<RemoteEndpoint> result() {
        return error.get() == null ? Optional.of(candidate()) : Optional.empty();
    }
}
