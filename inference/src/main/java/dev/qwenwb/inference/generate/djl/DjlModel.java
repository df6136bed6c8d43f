package dev.qwenwb.inference.generate.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.ContextFit;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.engine.KvCache;
import dev.qwenwb.inference.engine.PrecisionProbe;
import dev.qwenwb.inference.engine.Qwen2Model;
import dev.qwenwb.inference.engine.Qwen2Weights;
import dev.qwenwb.inference.generate.Futures;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.generate.decode.EngineContext;
import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.generate.decode.ModelThread;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.safetensors.SafetensorsException;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import dev.qwenwb.inference.util.NativeHeap;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Qwen2 model in Hugging Face layout (safetensors) loaded in this process on DJL's PyTorch engine. One model thread
 * owns every device array (DJL scopes are per thread); sessions decode on it through the shared
 * {@link dev.qwenwb.inference.generate.decode.DecodeLoop}, each with its own KV cache per sequence ({@link DjlContext}).
 */
public final class DjlModel extends EngineModel {

    private static final Logger LOG = LoggerFactory.getLogger(DjlModel.class);

    /** The DJL engine's one model thread, shared by every model it loads. */
    private static final ModelThread MODEL_THREAD = new ModelThread("qwen-model");

    private final Qwen2Model model;
    private final NDManager manager;
    private final QwenTokenizer tokenizer;
    private final ModelConfig config;
    private final ComputeDType dtype;
    private final Device device;
    private Vocabulary vocabulary; // built at the first constrained generation (model thread)

    private DjlModel(ModelInfo info, Qwen2Model model, NDManager manager,
                     QwenTokenizer tokenizer, PromptRenderer renderer, GenerationConfig generationConfig,
                     ModelConfig config, ComputeDType dtype, Device device) {
        super(MODEL_THREAD);
        this.model = model;
        this.manager = manager;
        this.tokenizer = tokenizer;
        describe(info, generationConfig, renderer);
        this.config = config;
        this.dtype = dtype;
        this.device = device;
    }

    /**
     * Validates and loads the Hugging Face model folder {@code dir}. Blocks until loaded.
     *
     * @throws dev.qwenwb.inference.model.ModelLoadException for an unusable folder (message names the file)
     * @throws IllegalArgumentException for options the machine cannot honour (e.g. CUDA without a GPU)
     */
    public static DjlModel load(Path dir, EngineOptions options) {
        return MODEL_THREAD.call(() -> loadOnModelThread(dir, options));
    }

    private static DjlModel loadOnModelThread(Path dir, EngineOptions options) {
        long t0 = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch"); // loads libtorch before any JNI call
        LOG.debug("engine ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        JniUtils.setGradMode(false);
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
        Device device = resolveDevice(options.device());
        if (options.dtype() == ComputeDType.BF16 && !device.isGpu()) {
            throw new IllegalArgumentException("dtype bf16 is offered on CUDA only; on the CPU use f16 or f32");
        }
        try (ModelFolder folder = ModelFolder.open(dir)) {
            ModelConfig config = folder.config();
            int context = contextLength(options.contextLength(), config.maxPositionEmbeddings(),
                    "max_position_embeddings");
            NDManager manager = engine.newBaseManager(device);
            PrecisionProbe.Verdict precision;
            try {
                // before the tokenizer starts loading: on 2 cores its parse beside the probe slowed the probe's f16
                // product 2-5x (not its f32 one) and made auto pick f32 at half the decode speed
                precision = precision(options, device, manager, config);
            } catch (RuntimeException | Error e) {
                manager.close();
                throw e;
            }
            // the tokenizer and template load on a helper thread while the weights go to the device
            CompletableFuture<QwenTokenizer> tokenizerF = CompletableFuture.supplyAsync(
                    () -> QwenTokenizer.load(folder.tokenizerJson()));
            CompletableFuture<ChatTemplate> templateF = CompletableFuture.supplyAsync(() -> readTemplate(folder));
            try {
                ComputeDType dtype = precision.weights();
                Qwen2Weights weights = Qwen2Weights.load(folder.weights(), config, manager, dataType(dtype));
                // the caches are f32 (KvCache), in RAM or on the CUDA device
                ContextFit fit = ContextFit.of(options, context, ContextFit.kvBytesPerToken(config, Float.BYTES),
                        () -> device.isGpu() ? gpuFreeBytes(device) : ProcessMemory.availableBytes(),
                        device.isGpu() ? deviceName(device) : "RAM");
                Qwen2Model model = new Qwen2Model(config, weights, manager, fit.context(), precision.widenPrefill());
                QwenTokenizer tokenizer = Futures.await(tokenizerF);
                ChatTemplate template = Futures.await(templateF);
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                ModelInfo info = new ModelInfo(folder.displayName(), ModelInfo.ENGINE_DJL, dir.toString(),
                        config.vocabSize(), config.maxPositionEmbeddings(), deviceName(device), dtype.label(), loadMs,
                        weights.bytes(), weights.bytesReadPerToken(config), fit.context(), precision.reason(),
                        fit.reason());
                if (LOG.isInfoEnabled()) { // reading /proc costs a file read: only when it is logged
                    LOG.info("loaded {} on {} as {} in {} ms ({} MB of weights, RSS {} MB, peak {} MB)", info.name(),
                            info.device(), dtype.label(), loadMs, weights.bytes() >> 20, ProcessMemory.rssMb(),
                            ProcessMemory.peakRssMb());
                }
                PromptRenderer renderer = promptRenderer(folder, template, tokenizer);
                return new DjlModel(info, model, manager, tokenizer, renderer, folder.generationConfig(),
                        config, dtype, device);
            } catch (RuntimeException | Error e) {
                manager.close();
                tokenizerF.thenAccept(QwenTokenizer::close);
                if (e instanceof SafetensorsException se) { // a tensor read while uploading: a bad file, said once
                    throw ModelLoadException.of(se);
                }
                throw e;
            }
        }
    }

    /**
     * The prompt renderer of a model folder: its chat template (if it has one) and its tokenizer — for callers that
     * render or count prompts without loading the weights.
     */
    public static PromptRenderer promptRenderer(ModelFolder folder, QwenTokenizer tokenizer) {
        return promptRenderer(folder, readTemplate(folder), tokenizer);
    }

    private static PromptRenderer promptRenderer(ModelFolder folder, ChatTemplate template, QwenTokenizer tokenizer) {
        return new PromptRenderer(template, folder.tokenizerConfigJson().toString(), new PromptRenderer.Codec() {
            @Override
            public int[] encode(String text) {
                return tokenizer.encode(text);
            }

            @Override
            public String decode(int[] ids) {
                return tokenizer.decode(ids, false);
            }
        });
    }

    private static ChatTemplate readTemplate(ModelFolder folder) {
        try {
            return ChatTemplate.fromTokenizerConfig(folder.tokenizerConfigJson());
        } catch (dev.qwenwb.inference.model.ModelLoadException e) {
            throw e; // not JSON: say so, rather than "the model has no chat_template" later
        } catch (RuntimeException e) {
            LOG.warn("{}: no usable chat_template ({}); only raw prompts will work", folder.tokenizerConfigJson(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * The weights' precision: what was asked for; on CUDA f16; on the CPU what {@link PrecisionProbe} measures on the
     * model's largest matrix (gate and up projections, fused: 2·intermediate × hidden).
     */
    private static PrecisionProbe.Verdict precision(EngineOptions options, Device device, NDManager manager,
                                                    ModelConfig config) {
        if (options.dtype() != null) {
            return new PrecisionProbe.Verdict(options.dtype(), true, "as asked: " + options.dtype().label());
        }
        if (device.isGpu()) {
            return new PrecisionProbe.Verdict(ComputeDType.F16, true, "auto: f16 on CUDA");
        }
        return PrecisionProbe.choose(manager, 2L * config.intermediateSize(), config.hiddenSize(), options.threads());
    }

    private static Device resolveDevice(DeviceSpec spec) {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        switch (spec.kind()) {
            case "cpu":
                return Device.cpu();
            case "vulkan":
            case "metal":
                throw new IllegalArgumentException("device " + spec + " is for GGUF models (llama.cpp); the DJL engine"
                        + " runs on cpu or cuda[:N] (convert the folder to GGUF to use " + spec.kind() + ")");
            case "cuda":
            case "gpu":
                if (gpus <= spec.index()) {
                    throw new IllegalArgumentException("device " + spec + " requested but "
                            + (gpus == 0 ? "no CUDA device is available to PyTorch (a CPU-only libtorch is in use: "
                            + "build with -Pcuda on a machine with CUDA, see README)" : "only " + gpus + " found"));
                }
                return Device.gpu(spec.index());
            default:
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
    }

    private static String deviceName(Device d) {
        return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
    }

    private static DataType dataType(ComputeDType t) {
        switch (t) {
            case F16: return DataType.FLOAT16;
            case BF16: return DataType.BFLOAT16;
            default: return DataType.FLOAT32;
        }
    }

    /** @return the model's config.json */
    public ModelConfig config() {
        return config;
    }

    /** @return the weight precision in use */
    public ComputeDType dtype() {
        return dtype;
    }

    public QwenTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    protected EngineContext newContext(int sequences) {
        return new DjlContext(model, tokenizer, info().contextLength(), sequences, this::vocabulary);
    }

    /** Logits of every position of {@code ids} (T × V, row-major), from a fresh cache. */
    public float[] logitsAllPositions(int[] ids) {
        checkLogitsIds(ids);
        return onModelThread(() -> {
            try (KvCache cache = model.newCache(ids.length)) {
                return model.forward(ids, cache, true);
            }
        });
    }

    private Vocabulary vocabulary() {
        if (vocabulary == null) {
            vocabulary = Vocabulary.of(tokenizer.tokenBytes(config.vocabSize()));
        }
        return vocabulary;
    }

    /** The forward pass, for tests that drive it directly (model thread). */
    Qwen2Model model() {
        return model;
    }

    /** Free memory of a CUDA device as the driver reports it (PyTorch's cached blocks count as used), -1 unknown. */
    private static long gpuFreeBytes(Device device) {
        try {
            java.lang.management.MemoryUsage m = CudaUtils.getGpuMemory(device);
            return m.getMax() - m.getUsed();
        } catch (RuntimeException e) {
            LOG.debug("free memory of {} unknown: {}", device, e.getMessage());
            return -1;
        }
    }

    /** GPU memory in use in MiB on CUDA, -1 on the CPU. */
    @Override
    protected long deviceMemoryMb() {
        return device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() >> 20 : -1;
    }

    @Override
    protected void freeWeights() {
        model.close();
        manager.close();
        NativeHeap.trim();
        tokenizer.close();
    }
}
