package dev.qwenwb.app.ui.model;

import java.util.ArrayList;
import java.util.List;
import dev.qwenwb.inference.llamacpp.LlamaBackends;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Engine dialog's state: precision, device, context length and threads, edited from saved
 * {@link EngineSettings}. CUDA choices (device cuda, dtype bf16) are offered only when CUDA is known to be there.
 */
public final class EngineSettingsViewModel {

    private final StringProperty dtype = new SimpleStringProperty();
    private final StringProperty device = new SimpleStringProperty();
    private final ObjectProperty<Integer> contextLength = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> threads = new SimpleObjectProperty<>();
    private final List<String> dtypes = new ArrayList<>(List.of(EngineSettings.AUTO, "f16", "f32"));
    private final List<String> devices = new ArrayList<>(List.of("auto", "cpu"));
    private final List<Integer> contexts = new ArrayList<>();
    private final int processors;

    /**
     * @param saved      the settings to start from
     * @param cuda       whether a CUDA device is known to be present (adds cuda and bf16)
     * @param maxContext the loaded model's context limit, or 0 when unknown
     * @param processors the most CPU threads to offer
     */
    public EngineSettingsViewModel(EngineSettings saved, boolean cuda, int maxContext, int processors) {
        this.processors = Math.max(1, processors);
        if (cuda) {
            dtypes.add("bf16");
            devices.add("cuda");
        }
        // GGUF models: the GPU backends this build carries (llama.cpp; the engine says if the device is not there)
        for (String b : LlamaBackends.gpuBackends()) {
            devices.add(devices.contains("gpu") ? b : "gpu");
            devices.add(b.equals("metal") ? b : b + ":0");
        }
        if (!dtypes.contains(saved.dtype())) {
            dtypes.add(saved.dtype());
        }
        if (!devices.contains(saved.device())) {
            devices.add(saved.device()); // e.g. cuda:1 written by hand: kept, the engine says if it cannot
        }
        for (int c : EngineSettings.CONTEXT_CHOICES) {
            if (maxContext <= 0 || c <= maxContext) {
                contexts.add(c);
            }
        }
        if (!contexts.contains(saved.contextLength())) {
            contexts.add(saved.contextLength());
            contexts.sort(Integer::compare);
        }
        dtype.set(saved.dtype());
        device.set(saved.device());
        contextLength.set(saved.contextLength());
        threads.set(Math.min(saved.threads(), this.processors));
    }

    public StringProperty dtypeProperty() {
        return dtype;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public ObjectProperty<Integer> contextLengthProperty() {
        return contextLength;
    }

    /** 0 = automatic. */
    public ObjectProperty<Integer> threadsProperty() {
        return threads;
    }

    /** The precisions offered ("auto", "f16", "f32", and "bf16" with CUDA). */
    public List<String> dtypes() {
        return List.copyOf(dtypes);
    }

    /** The devices offered ("auto", "cpu", and "cuda" with CUDA). */
    public List<String> devices() {
        return List.copyOf(devices);
    }

    /** The context lengths offered, capped by the model's limit when known. */
    public List<Integer> contextLengths() {
        return List.copyOf(contexts);
    }

    /** The most threads offered (0 is automatic). */
    public int maxThreads() {
        return processors;
    }

    // Commands

    /** The edited settings. */
    public EngineSettings result() {
        Integer c = contextLength.get();
        Integer t = threads.get();
        return new EngineSettings(dtype.get(), device.get(), c == null ? 0 : c, t == null ? 0 : t);
    }
}
