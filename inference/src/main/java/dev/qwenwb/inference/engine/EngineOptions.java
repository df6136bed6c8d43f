package dev.qwenwb.inference.engine;

import java.util.function.UnaryOperator;

/**
 * How to run a model.
 *
 * @param device        where to run
 * @param dtype         weight precision; {@code null} is auto: f16 on CUDA, on the CPU what {@link PrecisionProbe}
 *                      measures to be faster
 * @param contextLength KV-cache capacity in tokens; 0 means min({@value #DEFAULT_CONTEXT}, max_position_embeddings)
 * @param threads       intra-op threads for the CPU; 0 leaves the engine's default
 * @param gpuLayers     GGUF: how many layers go to the GPU when one is used; {@value #ALL_LAYERS} = all (the
 *                      default), 0 = none
 * @param sequences     how many sequences will generate together, each with its own cache of {@code contextLength}
 *                      ({@code serve --parallel}); with {@link #MODEL_CONTEXT} the context is lowered where the
 *                      memory cannot hold that many caches of the model's own (see {@link ContextFit}); 1 otherwise
 */
public record EngineOptions(DeviceSpec device, ComputeDType dtype, int contextLength, int threads, int gpuLayers,
                            int sequences) {

    /** {@link #gpuLayers()}: every layer (and the output layer) on the GPU. */
    public static final int ALL_LAYERS = -1;
    /** More layers than this is a typo. */
    public static final int MAX_GPU_LAYERS = 100_000;

    public static final int DEFAULT_CONTEXT = 4096;
    /** As {@code contextLength}: the model's own max_position_embeddings (what {@code serve} uses by default). */
    public static final int MODEL_CONTEXT = -1;
    /** The largest context anyone can ask for (Qwen2.5 goes to 32768, with YaRN to 131072). */
    public static final int MAX_CONTEXT = 1 << 20;
    /** More threads than this is a typo. */
    public static final int MAX_THREADS = 1024;
    /** More sequences at once than this is a typo. */
    public static final int MAX_SEQUENCES = 256;

    public EngineOptions {
        device = device == null ? DeviceSpec.auto() : device;
        if ((contextLength < 0 && contextLength != MODEL_CONTEXT) || contextLength > MAX_CONTEXT) {
            throw new IllegalArgumentException("context length must be in 0.." + MAX_CONTEXT + ", was " + contextLength);
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 0.." + MAX_THREADS + ", was " + threads);
        }
        if (gpuLayers < ALL_LAYERS || gpuLayers > MAX_GPU_LAYERS) {
            throw new IllegalArgumentException("gpu layers must be all (-1) or 0.." + MAX_GPU_LAYERS + ", was "
                    + gpuLayers);
        }
        if (sequences < 1 || sequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("sequences must be in 1.." + MAX_SEQUENCES + ", was " + sequences);
        }
    }

    /** Options for one sequence at a time. */
    public EngineOptions(DeviceSpec device, ComputeDType dtype, int contextLength, int threads, int gpuLayers) {
        this(device, dtype, contextLength, threads, gpuLayers, 1);
    }

    /** Options with every layer on the GPU when one is used. */
    public EngineOptions(DeviceSpec device, ComputeDType dtype, int contextLength, int threads) {
        this(device, dtype, contextLength, threads, ALL_LAYERS);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(DeviceSpec.auto(), null, 0, 0);
    }

    /**
     * The one parser of engine settings as users write them — the command line's flags, an evaluation
     * configuration's keys, the window's settings.
     *
     * @param device  auto | cpu | gpu[:N] | cuda[:N] | vulkan[:N] | metal; null = auto
     * @param dtype   auto | f32 | f16 | bf16; null or auto = measured (see {@link PrecisionProbe})
     * @param context tokens, 0 = the default; null = 0
     * @param threads CPU threads, 0 = the engine's choice; null = 0
     * @param name    how the error names a setting: {@code device}, {@code dtype}, {@code context} or
     *                {@code threads} → e.g. {@code --context}
     * @throws IllegalArgumentException one line naming the setting and what was expected
     */
    public static EngineOptions parse(String device, String dtype, Integer context, Integer threads,
                                      UnaryOperator<String> name) {
        DeviceSpec d;
        try {
            d = device == null ? DeviceSpec.auto() : DeviceSpec.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name.apply("device") + " '" + device
                    + "': expected " + DeviceSpec.FORMS);
        }
        ComputeDType t = null;
        if (dtype != null && !dtype.isBlank() && !dtype.trim().equalsIgnoreCase("auto")) {
            try {
                t = ComputeDType.parse(dtype);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name.apply("dtype") + " '" + dtype
                        + "': expected auto, f32, f16 or bf16");
            }
        }
        int c = context == null ? 0 : context;
        if (c < 0 || c > MAX_CONTEXT) {
            throw new IllegalArgumentException(name.apply("context") + " " + c + ": expected a number of tokens from 0 "
                    + "(the model's default) to " + MAX_CONTEXT);
        }
        int n = threads == null ? 0 : threads;
        if (n < 0 || n > MAX_THREADS) {
            throw new IllegalArgumentException(name.apply("threads") + " " + n + ": expected 0 (the engine's choice) to "
                    + MAX_THREADS);
        }
        return new EngineOptions(d, t, c, n);
    }

    /**
     * {@link #parse(String, String, Integer, Integer, UnaryOperator)} plus the GGUF engine's layer count.
     *
     * @param gpuLayers {@code all} or a whole number ≥ 0 (named {@code gpu-layers} in errors); null = all
     */
    public static EngineOptions parse(String device, String dtype, Integer context, Integer threads,
                                      String gpuLayers, UnaryOperator<String> name) {
        EngineOptions o = parse(device, dtype, context, threads, name);
        return gpuLayers == null ? o : o.withGpuLayers(parseGpuLayers(gpuLayers, name.apply("gpu-layers")));
    }

    /** {@code all} → {@value #ALL_LAYERS}, else a whole number 0..{@value #MAX_GPU_LAYERS}; one line naming the setting. */
    static int parseGpuLayers(String s, String setting) {
        String v = s.trim();
        if (v.equalsIgnoreCase("all")) {
            return ALL_LAYERS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= MAX_GPU_LAYERS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw new IllegalArgumentException(setting + " '" + s + "': expected all or a number of layers from 0 to "
                + MAX_GPU_LAYERS);
    }

    public EngineOptions withDevice(DeviceSpec d) {
        return new EngineOptions(d, dtype, contextLength, threads, gpuLayers, sequences);
    }

    public EngineOptions withDtype(ComputeDType t) {
        return new EngineOptions(device, t, contextLength, threads, gpuLayers, sequences);
    }

    public EngineOptions withContextLength(int n) {
        return new EngineOptions(device, dtype, n, threads, gpuLayers, sequences);
    }

    public EngineOptions withThreads(int n) {
        return new EngineOptions(device, dtype, contextLength, n, gpuLayers, sequences);
    }

    public EngineOptions withGpuLayers(int n) {
        return new EngineOptions(device, dtype, contextLength, threads, n, sequences);
    }

    /** @param n sequences that will generate together ({@code serve --parallel}), each with its own cache */
    public EngineOptions withSequences(int n) {
        return new EngineOptions(device, dtype, contextLength, threads, gpuLayers, n);
    }
}
