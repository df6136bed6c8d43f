package dev.qwenwb.app.ui.models;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.gguf.GgufOutputType;
import dev.qwenwb.inference.gguf.SafetensorsToGguf;
import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.hub.InstalledModel;
import dev.qwenwb.inference.hub.ModelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Convert to GGUF from the Models view: one conversion at a time on a thread of its own, into
 * {@code ROOT/NAME-TYPE/NAME-TYPE.gguf} (a folder the view lists, so the result shows up and loads like any model),
 * with progress and cancel. What happened goes to the view's notice line.
 */
public final class ConversionViewModel implements AutoCloseable {

    private final Executor ui;
    private final Path root;
    private final Consumer<String> notice;
    private final Runnable listChanged;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gguf-conversion");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<GgufOutputType> type = new SimpleObjectProperty<>(GgufOutputType.Q8_0);
    private final SimpleBooleanProperty running = new SimpleBooleanProperty();
    private final SimpleDoubleProperty progress = new SimpleDoubleProperty(-1);
    private final AtomicReference<Double> pending = new AtomicReference<>();
    private volatile AtomicBoolean cancelled = new AtomicBoolean();

    /**
     * @param ui          runs UI updates
     * @param root        where converted models go, one folder each
     * @param notice      shows one line to the user
     * @param listChanged called (on the UI thread) when a conversion has written a model
     */
    public ConversionViewModel(Executor ui, Path root, Consumer<String> notice, Runnable listChanged) {
        this.ui = ui;
        this.root = root;
        this.notice = notice;
        this.listChanged = listChanged;
    }

    /** The type the next conversion writes (default q8_0). */
    public ObjectProperty<GgufOutputType> typeProperty() {
        return type;
    }

    /** True while a conversion runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    /** 0..1 while writing, -1 while llama.cpp quantizes (no progress from it) or when idle. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** @return the folder converted models go to */
    public Path root() {
        return root;
    }

    /** @return true if {@code m} can be converted: a safetensors model, and no conversion running */
    public boolean canConvert(InstalledModel m) {
        return m != null && m.summary().format() == ModelFormat.SAFETENSORS && !running.get();
    }

    // Commands

    /** Starts converting {@code m} to {@link #typeProperty()}; the result is listed when done. */
    public void convert(InstalledModel m) {
        if (!canConvert(m)) {
            return;
        }
        GgufOutputType t = type.get();
        String file = SafetensorsToGguf.defaultFileName(m.path(), t);
        Path out = root.resolve(file.substring(0, file.length() - ".gguf".length())).resolve(file);
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        running.set(true);
        progress.set(0);
        notice.accept(I18n.t("models.convert.running", m.name(), t.label()));
        worker.execute(() -> {
            try {
                SafetensorsToGguf.Result r = new SafetensorsToGguf(m.path(), t).convert(out, p -> {
                    if (pending.getAndSet(p.fraction()) == null) {
                        ui.execute(() -> progress.set(pending.getAndSet(null)));
                    }
                }, stop::get);
                done(I18n.t("models.convert.done", r.file(), ByteSizes.human(r.bytes())), true);
            } catch (CancellationException e) {
                removeIfEmpty(out.getParent());
                done(I18n.t("models.convert.cancelled"), false);
            } catch (Exception e) {
                removeIfEmpty(out.getParent());
                done(I18n.t("models.convert.failed", String.valueOf(e.getMessage()).lines().findFirst().orElse("")),
                        false);
            }
        });
    }

    /** Stops the running conversion at its next chunk (llama.cpp's quantizer, once started, finishes first). */
    public void cancel() {
        cancelled.set(true);
    }

    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir); // only if the conversion left it empty; a finished model stays
        } catch (IOException e) {
            // not empty, or not ours to remove
        }
    }

    private void done(String message, boolean written) {
        ui.execute(() -> {
            running.set(false);
            progress.set(-1);
            notice.accept(message);
            if (written) {
                listChanged.run();
            }
        });
    }

    /** Cancels a running conversion (its temp files are deleted) and stops the thread. */
    @Override
    public void close() {
        cancel();
        worker.shutdown();
    }
}
