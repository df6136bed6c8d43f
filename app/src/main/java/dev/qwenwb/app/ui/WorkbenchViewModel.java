package dev.qwenwb.app.ui;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.artifacts.ArtifactsViewModel;
import dev.qwenwb.app.ui.chat.ChatViewModel;
import dev.qwenwb.app.ui.chat.MessageViewModel;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.conversations.ConversationListViewModel;
import dev.qwenwb.app.ui.model.EngineSettings;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.ModelViewModel;
import dev.qwenwb.app.ui.model.RemoteEndpoint;
import dev.qwenwb.app.ui.models.FolderOpener;
import dev.qwenwb.app.ui.models.ModelsViewModel;
import dev.qwenwb.app.ui.serve.ServerViewModel;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationStore;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.remote.OpenAiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

/** The window's state: wires the conversation list, chat, artifacts and model picker together. */
public final class WorkbenchViewModel {

    private final DataFolder data;
    private final ConversationListViewModel conversations;
    private final ChatViewModel chat;
    private final ArtifactsViewModel artifacts;
    private final ModelViewModel models;
    private final ServerViewModel server;
    private final ModelsViewModel library;
    private final ObjectProperty<AppSettings> settings = new SimpleObjectProperty<>();

    /**
     * @param data       the data folder
     * @param ui         runs UI updates
     * @param background runs model loads and artifacts
     * @param loader     loads models
     */
    public WorkbenchViewModel(DataFolder data, Executor ui, Executor background, ModelViewModel.Loader loader) {
        this(data, ui, background, loader, HubSettings::fromEnvironment);
    }

    /**
     * @param hub where downloads come from and go (the Models view): endpoint, token, proxy and cache of a source
     */
    public WorkbenchViewModel(DataFolder data, Executor ui, Executor background, ModelViewModel.Loader loader,
                              Function<HubSource, HubSettings> hub) {
        this.data = data;
        this.settings.set(AppSettings.load(data.settingsFile()));
        this.conversations = new ConversationListViewModel(new ConversationStore(data.conversations()));
        this.chat = new ChatViewModel(ui, conversations::saved);
        this.artifacts = new ArtifactsViewModel(ui, background);
        this.models = new ModelViewModel(ui, background, loader, dev.qwenwb.inference.util.ProcessMemory::rssMb);
        this.library = new ModelsViewModel(ui, background, hub, this::loadFolder, FolderOpener.system(),
                () -> settings.get().recentModels().stream().map(Path::of).collect(Collectors.toList()));
        chat.generatorProperty().bind(models.generatorProperty());
        this.server = new ServerViewModel(ui, background, models.generatorProperty(),
                Integer.getInteger("workbench.serve.port", 8080));
        artifacts.setAsker(prompt -> {
            chat.cancelEdit();
            chat.inputProperty().set(prompt);
        });
        models.errorProperty().addListener((o, a, b) -> {
            if (b != null) {
                chat.noticeProperty().set(I18n.t("model.loadFailed", b));
            }
        });
        chat.messages().addListener((ListChangeListener<MessageViewModel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(m -> m.textProperty().addListener((x, y, z) -> refreshArtifacts()));
            }
            refreshArtifacts();
        });
        if (!conversations.shown().isEmpty()) {
            open(conversations.shown().get(0));
        }
        if (!conversations.broken().isEmpty()) {
            chat.noticeProperty().set(I18n.t("store.broken", conversations.broken().size(),
                    conversations.brokenDir().toString()));
        }
    }

    public ConversationListViewModel conversations() {
        return conversations;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public ArtifactsViewModel artifacts() {
        return artifacts;
    }

    public ModelViewModel models() {
        return models;
    }

    /** The Model menu's "Serve on …" toggle. */
    public ServerViewModel server() {
        return server;
    }

    /** The Models view's state: installed models, catalog, downloads. */
    public ModelsViewModel library() {
        return library;
    }

    public ObjectProperty<AppSettings> settingsProperty() {
        return settings;
    }

    public DataFolder data() {
        return data;
    }

    // Commands

    /** Opens a saved conversation. */
    public void open(Conversation c) {
        chat.open(c);
        conversations.selectedProperty().set(c);
    }

    /** Starts a new conversation. */
    public void openNew() {
        chat.openNew();
        conversations.selectedProperty().set(null);
    }

    /** Renames a conversation (the open one through the chat, so its state stays in step). */
    public void rename(Conversation c, String title) {
        if (c.id().equals(chat.id())) {
            chat.rename(title);
        } else {
            conversations.saved(new Conversation(c.id(), title, c.created(), System.currentTimeMillis(),
                    c.settings(), c.messages()));
        }
    }

    /** Deletes a conversation; the chat moves on to a new one if it was open. */
    public void delete(Conversation c) {
        conversations.delete(c);
        if (models.generatorProperty().get() != null) {
            models.generatorProperty().get().forget(c.id());
        }
        if (c.id().equals(chat.id())) {
            openNew();
        }
    }

    /** Loads the demo model, writing it into the data folder first if needed. */
    public void loadDemoModel() {
        models.load(new ModelViewModel.ModelSource(data.demoModel(), true, settings.get().engine().toOptions()));
    }

    /** Loads a model folder and remembers it. */
    public void loadFolder(Path dir) {
        updateSettings(settings.get().withRecentModel(dir.toString()));
        models.load(new ModelViewModel.ModelSource(dir, false, settings.get().engine().toOptions()));
    }

    /** Adds an OpenAI-compatible endpoint to the picker (saved with its key in the app settings) and connects. */
    public void addEndpoint(RemoteEndpoint e) {
        updateSettings(settings.get().withEndpoint(e));
        connect(e);
    }

    /** Connects to an endpoint off the UI thread; it becomes the chat's model. */
    public void connect(RemoteEndpoint e) {
        models.connect(e.label(), () -> new EngineGenerator(OpenAiClient.open(e.toEndpoint()), ""));
    }

    /** Saves new engine settings; they apply on the next load (see {@link #reloadModel()}). */
    public void updateEngine(EngineSettings e) {
        updateSettings(settings.get().withEngine(e));
    }

    /** Loads the current model again with the saved engine settings, off the UI thread. */
    public void reloadModel() {
        models.reload(settings.get().engine().toOptions());
    }

    /** Saves and applies new app settings. */
    public void updateSettings(AppSettings s) {
        settings.set(s);
        s.save(data.settingsFile());
    }

    /** Writes the demo model into {@code dir} unless it is there already (blocking). */
    public static Path ensureDemoModel(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("config.json")) || !Files.exists(dir.resolve("model.safetensors"))) {
            DemoModel.write(dir, true); // the app's own folder: a half-written one is replaced
        }
        return dir;
    }

    private void refreshArtifacts() {
        artifacts.update(chat.replyTexts());
    }
}
