package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.hub.CatalogEntry;
import dev.qwenwb.inference.hub.HubCache;
import dev.qwenwb.inference.hub.HubException;
import dev.qwenwb.inference.hub.HubSettings;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.InstalledModel;
import dev.qwenwb.inference.hub.InstalledModels;
import dev.qwenwb.inference.hub.ModelCatalog;
import dev.qwenwb.inference.hub.RepoRef;
import dev.qwenwb.inference.hub.SnapshotDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models view's state: installed models (hub cache and imported folders), the catalog, and a download queue
 * run one repo at a time (files in parallel inside it) on a thread of its own, so downloads go on while the view is
 * closed. Load hands a folder to the window's model loader (what Model ▸ Open folder… does). No controls here.
 */
public final class ModelsViewModel implements AutoCloseable {

    private final Executor ui;
    private final Executor background;
    private final Function<HubSource, HubSettings> settingsFor;
    private final Consumer<Path> loader;
    private final Consumer<Path> opener;
    private final Supplier<List<Path>> imported;
    private final ExecutorService downloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-downloads");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<InstalledModel> installed = FXCollections.observableArrayList();
    private final ObservableList<CatalogEntry> catalog = FXCollections.observableArrayList(ModelCatalog.entries());
    private final ObservableList<DownloadItemViewModel> queue = FXCollections.observableArrayList();
    private final StringProperty repoInput = new SimpleStringProperty("");
    private final ObjectProperty<HubSource> source = new SimpleObjectProperty<>(HubSource.HUGGING_FACE);
    private final StringProperty endpoint = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty scanning = new SimpleBooleanProperty();
    private final ObjectProperty<Path> loaded = new SimpleObjectProperty<>();
    private final ConversionViewModel conversion;
    private final Path demo;

    /**
     * @param ui          runs UI updates
     * @param background  runs scans and deletes
     * @param settingsFor endpoint, token, proxy and cache of a source (production: from the environment)
     * @param loader      loads a model folder into the window (Model ▸ Open folder…)
     * @param opener      shows a folder in the system's file manager
     * @param imported    the folders the user opened before (recent models)
     */
    public ModelsViewModel(Executor ui, Executor background, Function<HubSource, HubSettings> settingsFor,
                           Consumer<Path> loader, Consumer<Path> opener, Supplier<List<Path>> imported) {
        this(ui, background, settingsFor, loader, opener, imported,
                settingsFor.apply(HubSource.HUGGING_FACE).cache().root().resolveSibling("gguf"));
    }

    /**
     * @param converted where Convert to GGUF writes (one folder per model, listed with the installed ones)
     */
    public ModelsViewModel(Executor ui, Executor background, Function<HubSource, HubSettings> settingsFor,
                           Consumer<Path> loader, Consumer<Path> opener, Supplier<List<Path>> imported,
                           Path converted) {
        this(ui, background, settingsFor, loader, opener, imported, converted, null);
    }

    /**
     * @param demo the demo model's folder, listed once it has been written (null: none)
     */
    public ModelsViewModel(Executor ui, Executor background, Function<HubSource, HubSettings> settingsFor,
                           Consumer<Path> loader, Consumer<Path> opener, Supplier<List<Path>> imported,
                           Path converted, Path demo) {
        this.demo = demo == null ? null : demo.toAbsolutePath().normalize();
        this.conversion = new ConversionViewModel(ui, converted, notice::set, this::refresh);
        this.ui = ui;
        this.background = background;
        this.settingsFor = settingsFor;
        this.loader = loader;
        this.opener = opener;
        this.imported = imported;
        loaded.addListener((o, a, b) -> {
            if (b != null && installed.stream().noneMatch(this::isLoaded)) {
                refresh(); // e.g. the demo model, written into the data folder by this load
            }
        });
    }

    public ObservableList<InstalledModel> installed() {
        return installed;
    }

    public ObservableList<CatalogEntry> catalog() {
        return catalog;
    }

    public ObservableList<DownloadItemViewModel> queue() {
        return queue;
    }

    /** The repo the user types, {@code org/name[@revision]}. */
    public StringProperty repoInputProperty() {
        return repoInput;
    }

    /** Where new downloads come from. */
    public ObjectProperty<HubSource> sourceProperty() {
        return source;
    }

    /** A mirror or other endpoint for new downloads; empty for {@code HF_ENDPOINT}/{@code MODELSCOPE_DOMAIN} or the default. */
    public StringProperty endpointProperty() {
        return endpoint;
    }

    /** The endpoint new downloads use when {@link #endpointProperty()} is empty. */
    public String defaultEndpoint() {
        return settingsFor.apply(source.get()).endpoint().toString();
    }

    /** @return the hub cache folder listed and filled */
    public Path cacheFolder() {
        return cache().root();
    }

    /** One line for the user: a bad repo id, a failed delete. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning;
    }

    /** The folder or file of the model in use in the window (null: none, or an endpoint); set by the window. */
    public ObjectProperty<Path> loadedProperty() {
        return loaded;
    }

    /** @return whether {@code model} is the one in use */
    public boolean isLoaded(InstalledModel model) {
        Path p = loaded.get();
        return p != null && model != null && model.path().equals(p.toAbsolutePath().normalize());
    }

    /** @return whether {@code model} is the built-in demo model (random weights) */
    public boolean isDemo(InstalledModel model) {
        return demo != null && model != null && model.path().equals(demo);
    }

    /** Convert to GGUF: type, progress, cancel. */
    public ConversionViewModel conversion() {
        return conversion;
    }

    // Commands

    /** Lists the cache and the imported folders again (off the UI thread). */
    public void refresh() {
        scanning.set(true);
        HubCache cache = cache();
        List<Path> folders = new ArrayList<>(imported.get());
        if (demo != null) {
            folders.add(0, demo); // listed once written (a missing folder is skipped)
        }
        background.execute(() -> {
            folders.addAll(subfolders(conversion.root()));
            List<InstalledModel> found = InstalledModels.scan(cache, folders);
            ui.execute(() -> {
                installed.setAll(found);
                scanning.set(false);
            });
        });
    }

    /** Queues a catalog model (from the chosen source). */
    public DownloadItemViewModel download(CatalogEntry entry) {
        return enqueue(entry.ref(), entry.include(), entry.title());
    }

    /** Queues the typed repo; a bad id sets the notice and returns null. */
    public DownloadItemViewModel downloadTyped() {
        try {
            RepoRef ref = RepoRef.parse(repoInput.get());
            notice.set("");
            return enqueue(ref, List.of(), ref.toString());
        } catch (IllegalArgumentException e) {
            notice.set(I18n.t("models.badRepoId", repoInput.get() == null ? "" : repoInput.get().strip()));
            return null;
        }
    }

    /** Stops a queued or running download; its partial files stay for {@link #resume}. */
    public void cancel(DownloadItemViewModel item) {
        item.cancellation().cancel();
        if (item.stateProperty().get() == DownloadState.QUEUED) {
            item.stopped(DownloadState.CANCELLED, I18n.t("models.cancelled"));
        }
    }

    /** Queues a cancelled or failed download again; it resumes from its partial files. */
    public void resume(DownloadItemViewModel item) {
        if (item.stateProperty().get().resumable()) {
            item.queued();
            submit(item);
        }
    }

    /** Removes a finished, failed or cancelled entry from the queue. */
    public void dismiss(DownloadItemViewModel item) {
        if (!item.stateProperty().get().active()) {
            queue.remove(item);
        }
    }

    /** Loads the model into the window, as Model ▸ Open folder… does. */
    public void load(InstalledModel model) {
        loader.accept(model.path());
    }

    /** Shows the model's folder in the file manager, and its path in the notice. */
    public void reveal(InstalledModel model) {
        notice.set(I18n.t("models.opened", model.path()));
        background.execute(() -> opener.accept(model.path()));
    }

    /** Deletes a cached snapshot (and blobs no other snapshot uses), then lists again. Imported folders stay. */
    public void delete(InstalledModel model) {
        if (!model.inCache()) {
            notice.set(I18n.t("models.notDeleted", model.path()));
            return;
        }
        HubCache cache = cache();
        background.execute(() -> {
            try {
                InstalledModels.delete(cache, model);
                ui.execute(() -> notice.set(I18n.t("models.deleted", model.name())));
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> notice.set(I18n.t("models.deleteFailed", model.name(), e.getMessage())));
            }
            ui.execute(this::refresh);
        });
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of(); // nothing converted yet
        }
    }

    private HubCache cache() {
        return settingsFor.apply(HubSource.HUGGING_FACE).cache();
    }

    private DownloadItemViewModel enqueue(RepoRef ref, List<String> include, String title) {
        HubSource src = source.get();
        for (DownloadItemViewModel q : queue) {
            if (q.ref().equals(ref) && q.source() == src && q.include().equals(include)) {
                resume(q);
                return q;
            }
        }
        DownloadItemViewModel item = new DownloadItemViewModel(ref, src, include,
                src == HubSource.MODELSCOPE ? title + " (ModelScope)" : title, ui);
        queue.add(item);
        submit(item);
        return item;
    }

    private void submit(DownloadItemViewModel item) {
        HubSettings settings;
        try {
            settings = settingsFor.apply(item.source());
            String e = endpoint.get();
            if (e != null && !e.isBlank()) {
                settings = settings.withEndpoint(e);
            }
        } catch (HubException | IllegalArgumentException ex) {
            item.stopped(DownloadState.FAILED, I18n.t("models.failed", ex.getMessage()));
            return;
        }
        SnapshotDownloader downloader = new SnapshotDownloader(settings);
        downloads.execute(() -> run(item, downloader));
    }

    /**
     * A download error in the window's language: what kind of failure (translated), the server's or file system's
     * own detail, and for a network failure the advice to type a mirror into the endpoint field (the library's
     * advice names command-line flags and variables, which the window does not have).
     */
    static String describe(HubException e) {
        String detail = String.valueOf(e.getMessage()).replaceFirst("\\s*\\(check the network[^)]*\\)\\s*$", "");
        String kind = I18n.t("models.kind." + e.kind().name().toLowerCase(java.util.Locale.ROOT));
        String advice = e.kind() == HubException.Kind.NETWORK ? " " + I18n.t("models.networkAdvice") : "";
        return kind + " — " + detail + advice;
    }

    private void run(DownloadItemViewModel item, SnapshotDownloader downloader) {
        if (item.cancellation().isCancelled()) {
            return;
        }
        ui.execute(item::running);
        try {
            Path snap = downloader.download(item.ref(), item.include(), item.listener(), item.cancellation());
            ui.execute(() -> {
                item.finished(snap);
                refresh();
            });
        } catch (HubException e) {
            DownloadState how = e.kind() == HubException.Kind.CANCELLED ? DownloadState.CANCELLED : DownloadState.FAILED;
            String why = how == DownloadState.CANCELLED ? I18n.t("models.cancelled")
                    : I18n.t("models.failed", describe(e));
            ui.execute(() -> item.stopped(how, why));
        } catch (RuntimeException e) {
            ui.execute(() -> item.stopped(DownloadState.FAILED, I18n.t("models.failed", String.valueOf(e))));
        }
    }

    /** Cancels every download (partial files stay) and stops the queue's thread. */
    @Override
    public void close() {
        queue.forEach(q -> q.cancellation().cancel());
        downloads.shutdownNow();
        conversion.close();
    }
}
