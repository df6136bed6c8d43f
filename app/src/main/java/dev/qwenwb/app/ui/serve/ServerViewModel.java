package dev.qwenwb.app.ui.serve;

import dev.qwenwb.app.server.OpenAiServer;
import dev.qwenwb.app.server.ServerOptions;
import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.model.ChatGenerator;
import dev.qwenwb.inference.generate.Generator;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Model menu's "Serve on http://127.0.0.1:PORT/v1" toggle: the loaded model behind the OpenAI-compatible server
 * on loopback (the chat goes on using it; generations take turns). Loading another model stops the server.
 */
public final class ServerViewModel implements AutoCloseable {

    private final Executor ui;
    private final Executor background;
    private final ObjectProperty<ChatGenerator> loaded;
    private final int port;
    private final ReadOnlyBooleanWrapper serving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private volatile OpenAiServer server;

    /**
     * @param ui         runs UI updates
     * @param background binds and stops the server
     * @param loaded     the loaded model (serving stops when it changes)
     * @param port       the port to listen on; 0 picks a free one
     */
    public ServerViewModel(Executor ui, Executor background, ObjectProperty<ChatGenerator> loaded, int port) {
        this.ui = ui;
        this.background = background;
        this.loaded = loaded;
        this.port = port;
        loaded.addListener((o, a, b) -> stop());
    }

    /** @return the address the menu item offers: {@code http://127.0.0.1:PORT/v1} */
    public String offeredAddress() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Whether the server runs. */
    public ReadOnlyBooleanProperty servingProperty() {
        return serving.getReadOnlyProperty();
    }

    /** The address served, or null. */
    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    /** Why the server did not start, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    // Commands

    /** Starts serving the loaded model (off the UI thread), or stops. */
    public void setServing(boolean on) {
        if (on) {
            start();
        } else {
            stop();
        }
    }

    private void start() {
        ChatGenerator g = loaded.get();
        Generator model = g == null ? null : g.generator().orElse(null);
        if (server != null || model == null) {
            serving.set(server != null);
            return;
        }
        serving.set(true);
        error.set(null);
        background.execute(() -> {
            try {
                OpenAiServer s = OpenAiServer.start(model, ServerOptions.loopback(port));
                ui.execute(() -> {
                    if (loaded.get() != g || !serving.get()) { // the model changed, or stopped, meanwhile
                        background.execute(s::close);
                        return;
                    }
                    server = s;
                    address.set(s.baseUrl().toString());
                });
            } catch (Exception e) {
                String why = I18n.t("serve.failed", ChatErrors.describe(e));
                ui.execute(() -> {
                    serving.set(false);
                    error.set(why);
                });
            }
        });
    }

    /** Stops serving; requests in flight are cancelled. */
    public void stop() {
        OpenAiServer s = server;
        server = null;
        serving.set(false);
        address.set(null);
        if (s != null) {
            background.execute(s::close);
        }
    }

    @Override
    public void close() {
        OpenAiServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }
}
