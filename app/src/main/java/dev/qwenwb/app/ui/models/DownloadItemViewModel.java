package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.Cancellation;
import dev.qwenwb.inference.hub.DownloadListener;
import dev.qwenwb.inference.hub.DownloadPlan;
import dev.qwenwb.inference.hub.DownloadProgress;
import dev.qwenwb.inference.hub.HubSource;
import dev.qwenwb.inference.hub.RepoRef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One entry of the download queue: what is fetched, its state, the total bar (bytes, speed, ETA) and one bar per
 * file. Properties change on the UI thread; the download's worker threads reach it through {@link #listener()},
 * which coalesces progress (at most one pending UI update, the newest value per file).
 */
public final class DownloadItemViewModel {

    private final RepoRef ref;
    private final HubSource source;
    private final List<String> include;
    private final String title;
    private final Executor ui;
    private final ObjectProperty<DownloadState> state = new SimpleObjectProperty<>(DownloadState.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty bytes = new SimpleStringProperty("");
    private final StringProperty speed = new SimpleStringProperty("");
    private final StringProperty eta = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Path> snapshot = new SimpleObjectProperty<>();
    private final ObservableList<FileProgressViewModel> files = FXCollections.observableArrayList();
    private final Map<String, FileProgressViewModel> byPath = new HashMap<>();
    private final Map<String, DownloadProgress> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private volatile DownloadProgress latest;
    private volatile Cancellation cancel = new Cancellation();

    DownloadItemViewModel(RepoRef ref, HubSource source, List<String> include, String title, Executor ui) {
        this.ref = ref;
        this.source = source;
        this.include = List.copyOf(include);
        this.title = title;
        this.ui = ui;
    }

    /** @return repo and revision */
    public RepoRef ref() {
        return ref;
    }

    /** @return Hub or ModelScope */
    public HubSource source() {
        return source;
    }

    /** @return the file patterns fetched (empty: all) */
    public List<String> include() {
        return include;
    }

    /** @return e.g. {@code Qwen/Qwen2.5-0.5B-Instruct (ModelScope)} */
    public String title() {
        return title;
    }

    public ReadOnlyObjectProperty<DownloadState> stateProperty() {
        return state;
    }

    /** @return 0..1 of all bytes, or -1 before the repo is listed */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** @return e.g. {@code 512.0 MB / 988.1 MB} */
    public ReadOnlyStringProperty bytesProperty() {
        return bytes;
    }

    /** @return e.g. {@code 12.3 MB/s} */
    public ReadOnlyStringProperty speedProperty() {
        return speed;
    }

    /** @return e.g. {@code 0:41} */
    public ReadOnlyStringProperty etaProperty() {
        return eta;
    }

    /** @return the last notice or error, one line */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** @return the snapshot folder once done */
    public ReadOnlyObjectProperty<Path> snapshotProperty() {
        return snapshot;
    }

    /** @return one entry per selected file, in listing order */
    public ObservableList<FileProgressViewModel> files() {
        return files;
    }

    Cancellation cancellation() {
        return cancel;
    }

    // state changes, on the UI thread

    void queued() {
        cancel = new Cancellation();
        state.set(DownloadState.QUEUED);
        message.set("");
    }

    void running() {
        state.set(DownloadState.RUNNING);
    }

    void finished(Path snap) {
        flush();
        snapshot.set(snap);
        progress.set(1.0);
        speed.set("");
        eta.set("");
        state.set(DownloadState.DONE);
        message.set(I18n.t("models.done", snap));
    }

    void stopped(DownloadState how, String why) {
        flush();
        speed.set("");
        eta.set("");
        if (progress.get() < 0) {
            progress.set(0); // an indeterminate bar would go on moving over a download that stopped
        }
        state.set(how);
        message.set(why);
    }

    /** @return the listener the download reports to (any thread) */
    DownloadListener listener() {
        return new DownloadListener() {
            @Override
            public void planned(DownloadPlan plan) {
                ui.execute(() -> applyPlan(plan));
            }

            @Override
            public void progress(DownloadProgress p) {
                latest = p;
                pending.put(p.file(), p);
                if (flushScheduled.compareAndSet(false, true)) {
                    ui.execute(DownloadItemViewModel.this::flush);
                }
            }

            @Override
            public void fileDone(String path, long size, boolean downloaded) {
                ui.execute(() -> {
                    flush();
                    FileProgressViewModel f = byPath.get(path);
                    if (f != null) {
                        f.done(I18n.t(downloaded ? "models.file.downloaded" : "models.file.verified"));
                    }
                });
            }

            @Override
            public void notice(String text) {
                ui.execute(() -> message.set(text));
            }
        };
    }

    private void applyPlan(DownloadPlan plan) {
        files.clear();
        byPath.clear();
        for (DownloadPlan.PlannedFile f : plan.files()) {
            FileProgressViewModel vm = new FileProgressViewModel(f.path(), f.size(), f.have());
            byPath.put(f.path(), vm);
            files.add(vm);
        }
        progress.set(plan.totalBytes() <= 0 ? 0 : (double) plan.haveBytes() / plan.totalBytes());
        bytes.set(ByteSizes.human(plan.haveBytes()) + " / " + ByteSizes.human(plan.totalBytes()));
    }

    private void flush() {
        flushScheduled.set(false);
        for (Iterator<Map.Entry<String, DownloadProgress>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, DownloadProgress> e = it.next();
            it.remove();
            FileProgressViewModel f = byPath.get(e.getKey());
            if (f != null && f.progressProperty().get() < 1.0) {
                f.bytes(e.getValue().fileBytes());
            }
        }
        DownloadProgress p = latest;
        if (p != null) {
            progress.set(p.fraction());
            bytes.set(ByteSizes.human(p.doneBytes()) + " / " + ByteSizes.human(p.totalBytes()));
            speed.set(ByteSizes.speed(p.bytesPerSecond()));
            eta.set(ByteSizes.duration(p.etaSeconds()));
        }
    }
}
