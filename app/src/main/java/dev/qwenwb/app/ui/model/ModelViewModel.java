package dev.qwenwb.app.ui.model;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.engine.EngineOptions;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The model picker and status bar: loads a model off the UI thread and publishes it as a {@link ChatGenerator}. */
public final class ModelViewModel {

    /** Loads a model folder into a generator (blocking). */
    @FunctionalInterface
    public interface Loader {
        ChatGenerator load(ModelSource source) throws Exception;
    }

    private final Executor ui;
    private final Executor background;
    private final Loader loader;
    private final LongSupplier memoryMb;
    private final ObjectProperty<ChatGenerator> generator = new SimpleObjectProperty<>();
    private final ObjectProperty<LoadState> state = new SimpleObjectProperty<>(LoadState.NONE);
    private final ObjectProperty<ModelDescription> description = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty loading = new SimpleStringProperty();
    private final LongProperty memory = new SimpleLongProperty(-1);
    private final ObjectProperty<ModelSource> source = new SimpleObjectProperty<>();

    /**
     * @param ui         runs UI updates
     * @param background runs model loads
     * @param loader     turns a folder into a generator
     * @param memoryMb   memory in use now, in MiB
     */
    public ModelViewModel(Executor ui, Executor background, Loader loader, LongSupplier memoryMb) {
        this.ui = ui;
        this.background = background;
        this.loader = loader;
        this.memoryMb = memoryMb;
    }

    public ObjectProperty<ChatGenerator> generatorProperty() {
        return generator;
    }

    public ObjectProperty<LoadState> stateProperty() {
        return state;
    }

    public ObjectProperty<ModelDescription> descriptionProperty() {
        return description;
    }

    /** The last load's error, or null. */
    public StringProperty errorProperty() {
        return error;
    }

    /** The name of the model being loaded. */
    public StringProperty loadingProperty() {
        return loading;
    }

    public LongProperty memoryProperty() {
        return memory;
    }

    /** What the loaded model was loaded from (and with), or null. */
    public ObjectProperty<ModelSource> sourceProperty() {
        return source;
    }

    // Commands

    /** Loads {@code source} off the UI thread, replacing (and closing) the current model when it succeeds. */
    public void load(ModelSource source) {
        open(source.label(), () -> loader.load(source), source);
    }

    /**
     * Connects to a model that is not a folder (an OpenAI-compatible endpoint) off the UI thread, replacing the
     * current model when it succeeds; it cannot be reloaded.
     *
     * @param label  what the picker and errors call it
     * @param opener connects (blocking)
     */
    public void connect(String label, java.util.concurrent.Callable<ChatGenerator> opener) {
        open(label, opener, null);
    }

    private void open(String label, java.util.concurrent.Callable<ChatGenerator> opener, ModelSource source) {
        if (state.get() == LoadState.LOADING) {
            return;
        }
        loading.set(label); // first: the state's listeners show it
        state.set(LoadState.LOADING);
        error.set(null);
        background.execute(() -> {
            try {
                ChatGenerator g = opener.call();
                ui.execute(() -> loaded(g, source));
            } catch (Exception | Error e) {
                String why = label + ": " + ChatErrors.describe(e);
                ui.execute(() -> {
                    error.set(why);
                    state.set(generator.get() != null ? LoadState.READY : LoadState.FAILED);
                    loading.set(null);
                });
            }
        });
    }

    /** Loads the current model again with {@code options} (off the UI thread); nothing when none is loaded. */
    public void reload(EngineOptions options) {
        ModelSource s = source.get();
        if (s != null) {
            load(s.withOptions(options));
        }
    }

    private void loaded(ChatGenerator g, ModelSource from) {
        ChatGenerator old = generator.get();
        source.set(from);
        generator.set(g);
        description.set(g.description());
        state.set(LoadState.READY);
        loading.set(null);
        refreshMemory();
        if (old != null) {
            background.execute(old::close);
        }
    }

    /** Reads the memory in use again. */
    public void refreshMemory() {
        memory.set(memoryMb.getAsLong());
    }

    /** Closes the loaded model. */
    public void close() {
        ChatGenerator g = generator.get();
        generator.set(null);
        if (g != null) {
            g.close();
        }
    }

    /**
     * A folder to load: the built-in demo model or a Hugging Face folder, and how to run it.
     *
     * @param options precision, device, context and threads for the engine
     */
    public record ModelSource(Path dir, boolean demo, EngineOptions options) {

        /** With the default engine settings ({@code -Dworkbench.dtype} still applies). */
        public ModelSource(Path dir, boolean demo) {
            this(dir, demo, EngineSettings.defaults().toOptions());
        }

        /** The same folder with other engine options. */
        public ModelSource withOptions(EngineOptions o) {
            return new ModelSource(dir, demo, o);
        }

        /** What the picker and errors call it. */
        public String label() {
            return demo ? I18n.t("model.demoName") : String.valueOf(dir.getFileName());
        }
    }
}
