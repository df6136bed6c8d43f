package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.qwenwb.inference.generate.DevicePlacement;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.util.ProcessMemory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

/**
 * Where a GGUF model goes: the device choice ({@code --device auto|cpu|gpu[:N]|vulkan[:N]|cuda[:N]|metal},
 * {@code --gpu-layers N|all}) made before llama.cpp's libraries load, the library set loaded for it, the model
 * parameters that follow, and the device memory llama.cpp allocates there.
 *
 * <ul>
 *   <li>{@code cpu}: the CPU set (exactly the libraries of the build without a GPU set), no layer offloaded;</li>
 *   <li>{@code auto}: every layer on the first GPU llama.cpp finds ({@link GpuProbe} decides whether to load the
 *       GPU set at all), else the CPU set, with the reason;</li>
 *   <li>a named GPU: the GPU set (or the Metal build) is loaded and the device must be there, else
 *       {@link NoSuchDeviceException} naming the devices that are — never a silent CPU run.</li>
 * </ul>
 * The set loaded first stays for the life of the process; a later model in the same process uses it.
 */
public final class GpuPlacement {

    /** llama.cpp offloads min(n, layers + 1) layers: more than any model has means all (and the output layer). */
    private static final int ALL = 9999;

    private final LlamaNatives natives;
    private final GgufDevice device; // null: the CPU
    private final int gpuLayers;     // EngineOptions.ALL_LAYERS or a count
    private final String reason;
    private final Memory devices;    // NULL-terminated ggml_backend_dev_t[] for llama_model_params.devices; kept alive
    private final DoubleAdder weightsMib = new DoubleAdder();
    private final DoubleAdder contextMib = new DoubleAdder();

    private GpuPlacement(LlamaNatives natives, GgufDevice device, int gpuLayers, String reason) {
        this.natives = natives;
        this.device = device;
        this.gpuLayers = gpuLayers;
        this.reason = reason;
        boolean cpuSetOnly = !natives.set().isGpuSet() && LlamaBackends.gpuBackends().stream()
                .noneMatch(b -> b.equals("metal")) && device == null;
        if (cpuSetOnly) {
            this.devices = null; // the CPU set: llama.cpp's defaults, as before the GPU set existed
        } else {
            this.devices = new Memory(2L * Native.POINTER_SIZE);
            devices.clear();
            if (device != null) {
                devices.setPointer(0, GgufDevices.handle(natives.ggml(), device.name()));
            }
        }
    }

    /**
     * Decides, loading the library set that the decision needs.
     *
     * @param spec      the device asked for
     * @param gpuLayers {@link EngineOptions#ALL_LAYERS} or a count (0 = none: the CPU)
     * @throws NoSuchDeviceException a named device is not there (one line naming the devices that are)
     * @throws IllegalStateException llama.cpp's libraries cannot be loaded
     */
    public static GpuPlacement choose(DeviceSpec spec, int gpuLayers) {
        String kind = spec.kind();
        if (kind.equals("cpu")) {
            return cpu(LlamaNatives.get(), "asked for (device cpu)", gpuLayers);
        }
        if (gpuLayers == 0 && kind.equals("auto")) {
            return cpu(LlamaNatives.get(), "gpu layers 0", gpuLayers);
        }
        Optional<LlamaNatives> loaded = LlamaNatives.loaded();
        Optional<LlamaBackends.LibrarySet> gpuSet = LlamaBackends.gpuSet();
        LlamaNatives natives;
        if (loaded.isPresent() || LlamaNatives.folderOverride().isPresent()) {
            natives = loaded.orElseGet(LlamaNatives::get);
        } else if (kind.equals("auto")) {
            if (gpuSet.isEmpty()) {
                natives = LlamaNatives.get(); // the CPU set, which on Apple silicon holds Metal
            } else {
                GpuProbe.Result probe = GpuProbe.probe(gpuSet.get());
                if (probe.gpus().isEmpty()) {
                    return cpu(LlamaNatives.get(), "auto: no GPU (" + probe.reason() + ")", gpuLayers);
                }
                natives = LlamaNatives.get(gpuSet.get());
            }
        } else {
            Optional<LlamaBackends.LibrarySet> set = setFor(kind, gpuSet);
            if (set.isEmpty()) {
                List<String> backends = LlamaBackends.gpuBackends();
                throw new NoSuchDeviceException(spec, "this build has no " + kind + " backend (GPU backends: "
                        + (backends.isEmpty() ? "none" : String.join(", ", backends)) + ")");
            }
            natives = LlamaNatives.get(set.get());
        }
        List<GgufDevice> all = GgufDevices.list(natives.ggml());
        GgufDevice chosen = match(spec, GgufDevices.gpus(all));
        if (chosen != null) {
            String why = kind.equals("auto") ? "auto: the first GPU llama.cpp found" : "asked for (device " + spec + ")";
            return new GpuPlacement(natives, chosen, gpuLayers, why);
        }
        String found = "devices llama.cpp sees: " + GgufDevices.describe(all);
        String hint = !natives.set().isGpuSet() && gpuSet.isPresent() && !LlamaBackends.gpuBackends().contains("metal")
                ? "; llama.cpp's CPU libraries are already loaded in this process: restart with this device to load "
                + "the " + gpuSet.get().backend() + " libraries"
                : natives.set().backend().equals("vulkan") ? "; GGML_VK_VISIBLE_DEVICES=0 makes llama.cpp use a "
                + "software Vulkan device (lavapipe)" : "";
        if (kind.equals("auto")) {
            return cpu(natives, "auto: no GPU (" + found + hint + ")", gpuLayers);
        }
        throw new NoSuchDeviceException(spec, "no such device; " + found + hint);
    }

    private static GpuPlacement cpu(LlamaNatives natives, String reason, int gpuLayers) {
        return new GpuPlacement(natives, null, gpuLayers, reason);
    }

    /** The set that has the backend {@code kind} names: the GPU set for gpu/vulkan/cuda, the Metal build for metal. */
    private static Optional<LlamaBackends.LibrarySet> setFor(String kind, Optional<LlamaBackends.LibrarySet> gpuSet) {
        if (kind.equals("metal") || (kind.equals("gpu") && gpuSet.isEmpty())) {
            return LlamaBackends.gpuBackends().contains("metal") ? LlamaBackends.cpuSet() : Optional.empty();
        }
        return gpuSet.filter(s -> kind.equals("gpu") || s.backend().equals(kind));
    }

    /** The GPU {@code spec} names among {@code gpus}, null if none. */
    static GgufDevice match(DeviceSpec spec, List<GgufDevice> gpus) {
        switch (spec.kind()) {
            case "auto":
                return gpus.isEmpty() ? null : gpus.get(0);
            case "gpu":
                return spec.index() < gpus.size() ? gpus.get(spec.index()) : null;
            case "metal":
                return gpus.stream().filter(d -> d.backend().equalsIgnoreCase("metal")
                        || d.name().startsWith("MTL")).skip(spec.index()).findFirst().orElse(null);
            default: { // vulkan:N → Vulkan{N}, cuda:N → CUDA{N}
                String name = spec.kind() + spec.index();
                return gpus.stream().filter(d -> d.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                        .orElse(null);
            }
        }
    }

    /** @return the libraries loaded for this placement */
    public LlamaNatives natives() {
        return natives;
    }

    /** @return the GPU, empty on the CPU */
    public Optional<GgufDevice> device() {
        return Optional.ofNullable(device);
    }

    /** Sets the device list and the offloaded layers of {@code params} (on the CPU set: n_gpu_layers 0, as before). */
    public void apply(LlamaModelParams params) {
        params.n_gpu_layers = device == null ? 0 : gpuLayers == EngineOptions.ALL_LAYERS ? ALL : gpuLayers;
        params.devices = devices; // null on the CPU set; an empty list keeps a GPU set's CPU run off the GPU
    }

    /** Runs the model load, counting llama.cpp's weight buffers on the device. */
    public <T> T countWeights(Supplier<T> load) {
        return device == null ? load.get() : natives.countingDeviceBuffers(weightsMib::add, load);
    }

    /** Runs a context's creation, counting its KV cache and compute buffers on the device (the latest context's). */
    public <T> T countContext(Supplier<T> create) {
        if (device == null) {
            return create.get();
        }
        DoubleAdder one = new DoubleAdder();
        T t = natives.countingDeviceBuffers(one::add, create);
        contextMib.reset();
        contextMib.add(one.sum());
        return t;
    }

    /** @return what the KV cache lives in: {@code RAM} on the CPU, else the device's name (e.g. {@code Vulkan0}) */
    public String memoryName() {
        return device == null ? "RAM" : device.name();
    }

    /** @return bytes the KV cache can still take now: the device's free memory, or the system's; -1 if unknown */
    public long availableBytes() {
        if (device == null) {
            return ProcessMemory.availableBytes();
        }
        return GgufDevices.list(natives.ggml()).stream().filter(d -> d.name().equals(device.name()))
                .mapToLong(GgufDevice::freeBytes).findFirst().orElse(-1);
    }

    /** @return device memory of the weights and one session, in MB; -1 on the CPU */
    public long deviceMemoryMb() {
        return device == null ? -1 : Math.round(weightsMib.sum() + contextMib.sum());
    }

    /** @return the placement as figures report it, for a model of {@code layers} transformer layers */
    public DevicePlacement report(int layers) {
        if (device == null) {
            return new DevicePlacement("cpu", "CPU", "cpu", 0, layers, -1, reason);
        }
        int on = gpuLayers == EngineOptions.ALL_LAYERS ? layers : Math.min(gpuLayers, layers);
        return new DevicePlacement(device.name(), device.description(), natives.set().backend().equals("cpu")
                ? device.backend().toLowerCase(Locale.ROOT) : natives.set().backend(), on, layers, deviceMemoryMb(),
                reason);
    }

    /** @return the device id for {@code ModelInfo.device}: {@code cpu} or e.g. {@code Vulkan0} */
    public String deviceId() {
        return device == null ? "cpu" : device.name();
    }

    @Override
    public String toString() {
        return (device == null ? "cpu" : device.describe() + ", " + (gpuLayers == EngineOptions.ALL_LAYERS ? "all"
                : gpuLayers) + " layers") + " (" + reason + "; " + natives.set().backend() + " set)";
    }
}
