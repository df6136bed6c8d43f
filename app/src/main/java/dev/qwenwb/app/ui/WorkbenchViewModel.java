package dev.qwenwb.app.ui;

import dev.qwenwb.app.ui.artifacts.ArtifactsViewModel;
import dev.qwenwb.app.ui.chat.ChatViewModel;
import dev.qwenwb.app.ui.chat.MessageViewModel;
import dev.qwenwb.app.ui.common.Dividers;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.app.ui.conversations.ConversationListViewModel;
import dev.qwenwb.app.ui.evaluation.EvaluationEnvironment;
import dev.qwenwb.app.ui.evaluation.EvaluationViewModel;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.EngineSettings;
import dev.qwenwb.app.ui.model.LoadState;
import dev.qwenwb.app.ui.model.ModelViewModel;
import dev.qwenwb.app.ui.model.RemoteEndpoint;
import dev.qwenwb.app.ui.models.DownloadSettings;
import dev.qwenwb.app.ui.models.FolderOpener;
import dev.qwenwb.app.ui.models.ModelsViewModel;
import dev.qwenwb.app.ui.serve.ServerViewModel;
import dev.qwenwb.app.ui.store.Conversation;
import dev.qwenwb.app.ui.store.ConversationSettings;
import dev.qwenwb.app.ui.store.ConversationStore;
import dev.qwenwb.app.ui.store.ReplyStats;
import dev.qwenwb.app.ui.store.ReplyVersion;
import dev.qwenwb.app.ui.store.StoredMessage;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.ModelCatalog;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.remote.OpenAiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

/** The window's state: wires the conversation list, chat, artifacts, model picker and evaluation view together. */
public final class WorkbenchViewModel {

    private final DataFolder data;
    private final ConversationListViewModel conversations;
    private final ChatViewModel chat;
    private final ArtifactsViewModel artifacts;
    private final ModelViewModel models;
    private final ServerViewModel server;
    private final EvaluationViewModel evaluation;
    private final ModelsViewModel library;
    private final ObjectProperty<AppSettings> settings = new SimpleObjectProperty<>();
    private final javafx.beans.property.ReadOnlyStringWrapper theme = new javafx.beans.property.ReadOnlyStringWrapper();
    private final ObjectProperty<Path> exportFolder = new SimpleObjectProperty<>();
    private final ObjectProperty<MainView> view = new SimpleObjectProperty<>(MainView.CHAT);
    private final BooleanProperty offerTaken = new SimpleBooleanProperty();
    private final Dividers dividers;
    /** {@link AppSettings#lastModel()} of the demo model. */
    private static final String DEMO = "demo";
    private final BooleanBinding starterOffer;

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
        boolean firstStart = !Files.exists(data.settingsFile());
        this.settings.set(AppSettings.load(data.settingsFile()));
        theme.bind(Bindings.createStringBinding(() -> settings.get().theme(), settings));
        String exported = settings.get().exportFolder();
        exportFolder.set(exported == null ? null : Path.of(exported));
        exportFolder.addListener((o, a, b) -> updateSettings(settings.get().withExportFolder(
                b == null ? null : b.toString())));
        this.dividers = new Dividers(settings.get().window().dividers());
        this.view.set(settings.get().window().mainView(MainView.CHAT));
        this.conversations = new ConversationListViewModel(new ConversationStore(data.conversations()));
        this.chat = new ChatViewModel(ui, conversations::saved);
        this.artifacts = new ArtifactsViewModel(ui, background);
        this.models = new ModelViewModel(ui, background, loader, dev.qwenwb.inference.util.ProcessMemory::rssMb);
        this.evaluation = new EvaluationViewModel(ui, background,
                EvaluationEnvironment.of(data.runs(), data.suites(), data.demoModel()),
                settings.get().evaluation(), e -> updateSettings(settings.get().withEvaluation(e)),
                this::openInChat);
        this.library = new ModelsViewModel(ui, background, hub, this::loadFolder, FolderOpener.system(),
                () -> settings.get().recentModels().stream().map(Path::of).collect(Collectors.toList()),
                data.convertedModels(), data.demoModel());
        library.sourceProperty().set(settings.get().downloads().hubSource());
        library.endpointProperty().set(settings.get().downloads().endpoint());
        javafx.beans.InvalidationListener keepDownloads = o -> updateSettings(settings.get().withDownloads(
                new DownloadSettings(library.sourceProperty().get().id(), library.endpointProperty().get())));
        library.sourceProperty().addListener(keepDownloads);
        library.endpointProperty().addListener(keepDownloads);
        library.loadedProperty().bind(Bindings.createObjectBinding(() -> models.sourceProperty().get() == null
                ? null : models.sourceProperty().get().dir(), models.sourceProperty()));
        chat.generatorProperty().bind(models.generatorProperty());
        this.server = new ServerViewModel(ui, background, models.generatorProperty(),
                Integer.getInteger("workbench.serve.port", 8080));
        artifacts.setAsker(prompt -> {
            chat.cancelEdit();
            chat.inputProperty().set(prompt);
        });
        this.starterOffer = Bindings.createBooleanBinding(() -> firstStart && !offerTaken.get()
                        && !library.scanningProperty().get() && library.installed().isEmpty()
                        && models.generatorProperty().get() == null
                        && models.stateProperty().get() != LoadState.LOADING,
                offerTaken, library.scanningProperty(), library.installed(), models.generatorProperty(),
                models.stateProperty());
        if (firstStart) {
            library.refresh(); // is anything installed already (e.g. by huggingface-cli)?
        }
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

    /** The evaluation view's state. */
    public EvaluationViewModel evaluation() {
        return evaluation;
    }

    /** The main view shown: chat, evaluation or models. */
    public ObjectProperty<MainView> viewProperty() {
        return view;
    }

    /** The Models view's state: installed models, catalog, downloads. */
    public ModelsViewModel library() {
        return library;
    }

    /**
     * Whether the chat offers a first model: on a first start (no settings file yet) while nothing is installed,
     * loaded or loading, until the user takes the offer.
     */
    public BooleanBinding starterOfferProperty() {
        return starterOffer;
    }

    public ObjectProperty<AppSettings> settingsProperty() {
        return settings;
    }

    /** The folder of the last export (reports, conversations), saved with the settings; null: none yet. */
    public ObjectProperty<Path> exportFolderProperty() {
        return exportFolder;
    }

    /**
     * The theme setting ("system", "light" or "dark"): the one value the toolbar's switcher, View ▸ Theme and the
     * applied stylesheet follow, wherever it is changed ({@link #setTheme}, or any settings update).
     */
    public javafx.beans.property.ReadOnlyStringProperty themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public DataFolder data() {
        return data;
    }

    /** The split panes' divider positions, restored from and saved with the window. */
    public Dividers dividers() {
        return dividers;
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

    /**
     * Loads the model loaded last (the demo model, a folder or a file) again, unless the settings say not to or it is
     * gone; returns whether it started loading. The window calls it on start.
     */
    public boolean reloadLastModel() {
        AppSettings s = settings.get();
        if (!s.reloadLast() || s.lastModel() == null || models.stateProperty().get() == LoadState.LOADING) {
            return false;
        }
        if (DEMO.equals(s.lastModel())) {
            models.load(new ModelViewModel.ModelSource(data.demoModel(), true, s.engine().toOptions()));
            return true;
        }
        Path p = Path.of(s.lastModel());
        if (!Files.exists(p)) {
            return false;
        }
        models.load(new ModelViewModel.ModelSource(p, false, s.engine().toOptions()));
        return true;
    }

    /** Sets and saves the theme ("system", "light" or "dark"; anything else is "system"). */
    public void setTheme(String t) {
        if (!settings.get().theme().equals(t)) {
            updateSettings(settings.get().withTheme(t));
        }
    }

    /** Whether the model loaded last loads again on start (a setting; also the Model menu's check item). */
    public void setReloadLast(boolean reload) {
        updateSettings(settings.get().withReloadLast(reload));
    }

    /** Loads the demo model, writing it into the data folder first if needed. */
    public void loadDemoModel() {
        updateSettings(settings.get().withLastModel(DEMO));
        models.load(new ModelViewModel.ModelSource(data.demoModel(), true, settings.get().engine().toOptions()));
    }

    /** The first-start offer: downloads the starter model (Qwen2.5-0.5B-Instruct) and shows the Models view. */
    public void downloadStarterModel() {
        offerTaken.set(true);
        library.download(ModelCatalog.starter());
        view.set(MainView.MODELS);
    }

    /** The first-start offer: writes the demo model into the data folder if needed and loads it. */
    public void useDemoModel() {
        offerTaken.set(true);
        loadDemoModel();
    }

    /** Loads a model folder or {@code .gguf} file and remembers it. */
    public void loadFolder(Path dir) {
        updateSettings(settings.get().withRecentModel(dir.toString()).withLastModel(dir.toString()));
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

    /** Saves where the window is ({@code x, y, width, height} when not maximized), its view and its dividers. */
    public void saveWindow(double x, double y, double width, double height, boolean maximized) {
        updateSettings(settings.get().withWindow(windowSettings(x, y, width, height, maximized)));
    }

    /** Where the window is, with its view and dividers, as {@link #saveWindow} saves it (maximized: the size before). */
    public WindowSettings windowSettings(double x, double y, double width, double height, boolean maximized) {
        WindowSettings before = settings.get().window();
        return maximized && before.sized()
                ? new WindowSettings(before.x(), before.y(), before.width(), before.height(), true,
                view.get().name(), dividers.snapshot())
                : new WindowSettings(x, y, width, height, maximized, view.get().name(), dividers.snapshot());
    }

    /** Saves and applies new app settings. */
    public void updateSettings(AppSettings s) {
        settings.set(s);
        s.save(data.settingsFile());
    }

    /**
     * Opens an evaluated answer as a new conversation (the prompt's messages, the answer as the reply, saved) and
     * shows the chat; with {@code showArtifacts} the artifacts pane shows the answer's code.
     */
    public void openInChat(String title, List<ChatMessage> messages, String answer, Metrics metrics,
                           boolean showArtifacts) {
        String system = null;
        List<StoredMessage> stored = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (ChatMessage.SYSTEM.equals(m.role())) {
                system = m.content();
            } else {
                boolean user = !ChatMessage.ASSISTANT.equals(m.role());
                stored.add(new StoredMessage(user ? "user" : "assistant", List.of(new ReplyVersion(m.content(),
                        user ? null : new ReplyStats(-1, 0, 0, 0, "suite"), null)), 0));
            }
        }
        stored.add(new StoredMessage("assistant", List.of(new ReplyVersion(answer, new ReplyStats(
                Double.isNaN(metrics.ttftMs()) ? -1 : metrics.ttftMs(),
                Double.isNaN(metrics.decodeTokensPerS()) ? 0 : metrics.decodeTokensPerS(),
                Math.max(0, metrics.outputTokens()), Math.max(0, metrics.promptTokens()),
                metrics.finishReason().isEmpty() ? "eos" : metrics.finishReason()), null)), 0));
        long now = System.currentTimeMillis();
        Conversation c = new Conversation(UUID.randomUUID().toString(), title, now, now,
                new ConversationSettings(system, null, null, null, null, null, null), stored);
        conversations.saved(c);
        open(c);
        if (showArtifacts) {
            artifacts.shownProperty().set(true);
        }
        view.set(MainView.CHAT);
    }

    private void refreshArtifacts() {
        artifacts.update(chat.replyTexts());
    }
}
