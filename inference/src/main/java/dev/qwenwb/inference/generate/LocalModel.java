package dev.qwenwb.inference.generate;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.engine.KvCache;
import dev.qwenwb.inference.engine.PrecisionProbe;
import dev.qwenwb.inference.engine.Qwen2Model;
import dev.qwenwb.inference.engine.Qwen2Weights;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.safetensors.SafetensorsException;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import dev.qwenwb.inference.util.NativeHeap;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Qwen2 model loaded in this process on DJL's PyTorch engine: the first {@link Generator}. One model thread owns
 * every device array (DJL scopes are per thread); all engine work is queued to it, so generations of several
 * sessions run one after another.
 */
public final class LocalModel implements Generator {

    private static final Logger LOG = LoggerFactory.getLogger(LocalModel.class);

    /**
     * The one model thread of the process, shared by every model loaded in it: native allocators keep per-thread
     * pools, so a new thread per model would leave each unloaded model's memory behind. Models queue behind each other.
     */
    private static final String MODEL_THREAD_NAME = "qwen-model";

    private static final ExecutorService MODEL_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, MODEL_THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    private final ExecutorService thread;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final ModelInfo info;
    private final Qwen2Model model;
    private final NDManager manager;
    private final QwenTokenizer tokenizer;
    private final PromptRenderer renderer;
    private final GenerationConfig generationConfig;
    private final ModelConfig config;
    private final ComputeDType dtype;
    private final Device device;

    private LocalModel(ExecutorService thread, ModelInfo info, Qwen2Model model, NDManager manager,
                       QwenTokenizer tokenizer, PromptRenderer renderer, GenerationConfig generationConfig,
                       ModelConfig config, ComputeDType dtype, Device device) {
        this.thread = thread;
        this.info = info;
        this.model = model;
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.renderer = renderer;
        this.generationConfig = generationConfig;
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
    public static LocalModel load(Path dir, EngineOptions options) {
        return call(MODEL_THREAD, () -> loadOnModelThread(MODEL_THREAD, dir, options));
    }

    private static LocalModel loadOnModelThread(ExecutorService thread, Path dir, EngineOptions options) {
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
            int context = contextLength(options.contextLength(), config.maxPositionEmbeddings());
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
                Qwen2Model model = new Qwen2Model(config, weights, manager, context, precision.widenPrefill());
                QwenTokenizer tokenizer = Futures.await(tokenizerF);
                ChatTemplate template = Futures.await(templateF);
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                ModelInfo info = new ModelInfo(folder.displayName(), ModelInfo.ENGINE_DJL, dir.toString(),
                        config.vocabSize(), config.maxPositionEmbeddings(), deviceName(device), dtype.label(), loadMs,
                        weights.bytes(), weights.bytesReadPerToken(config), context, precision.reason());
                if (LOG.isInfoEnabled()) { // reading /proc costs a file read: only when it is logged
                    LOG.info("loaded {} on {} as {} in {} ms ({} MB of weights, RSS {} MB, peak {} MB)", info.name(),
                            info.device(), dtype.label(), loadMs, weights.bytes() >> 20, ProcessMemory.rssMb(),
                            ProcessMemory.peakRssMb());
                }
                PromptRenderer renderer = promptRenderer(folder, template, tokenizer);
                return new LocalModel(thread, info, model, manager, tokenizer, renderer, folder.generationConfig(),
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

    private static int contextLength(int requested, int maxPositions) {
        if (requested > maxPositions) {
            throw new IllegalArgumentException("context length " + requested
                    + " exceeds the model's max_position_embeddings " + maxPositions);
        }
        return requested > 0 ? requested : Math.min(EngineOptions.DEFAULT_CONTEXT, maxPositions);
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

    @Override
    public ModelInfo info() {
        return info;
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

    /** The model's own chat template, if its tokenizer_config.json has one. */
    public Optional<ChatTemplate> chatTemplate() {
        return renderer.template();
    }

    /** Sampling defaults and eos ids from generation_config.json. */
    @Override
    public GenerationConfig defaults() {
        return generationConfig;
    }

    /** The one renderer of this model's prompts. */
    public PromptRenderer renderer() {
        return renderer;
    }

    @Override
    public RenderedPrompt render(Prompt prompt) {
        return renderer.render(prompt);
    }

    /** A conversation with its own KV cache. */
    @Override
    public ChatSession newSession() {
        return new ChatSession(this);
    }

    /** Logits of the last position of {@code ids}, from a fresh cache. */
    public float[] logits(int[] ids) {
        return onModelThread(() -> {
            try (KvCache cache = model.newCache(checkFits(ids.length))) {
                return model.forward(ids, cache, false);
            }
        });
    }

    /** Logits of every position of {@code ids} (T × V, row-major), from a fresh cache. */
    public float[] logitsAllPositions(int[] ids) {
        return onModelThread(() -> {
            try (KvCache cache = model.newCache(checkFits(ids.length))) {
                return model.forward(ids, cache, true);
            }
        });
    }

    private int checkFits(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("no token ids given");
        }
        if (n > info.contextLength()) {
            throw new PromptTooLongException(n, info.contextLength(), info.maxPositions());
        }
        return n;
    }

    /** GPU memory in use in MiB on CUDA, -1 on the CPU. */
    long gpuMemoryMb() {
        return device.isGpu() ? CudaUtils.getGpuMemory(device).getUsed() >> 20 : -1;
    }

    Qwen2Model model() {
        return model;
    }

    /** Runs {@code task} on the model thread and waits for it (at once, if this is the model thread). */
    <T> T onModelThread(Callable<T> task) {
        checkOpen();
        if (isModelThread()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return call(thread, task);
    }

    private static boolean isModelThread() {
        return Thread.currentThread().getName().equals(MODEL_THREAD_NAME);
    }

    /** Queues {@code task} on the model thread. */
    void submit(Runnable task) {
        checkOpen();
        thread.execute(task);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model " + info.name() + " is closed");
        }
    }

    private static <T> T call(ExecutorService thread, Callable<T> task) {
        return Futures.await(thread.submit(task));
    }

    /** Frees the weights (after the work queued before). */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        Runnable free = () -> {
            model.close();
            manager.close();
            NativeHeap.trim();
        };
        if (isModelThread()) {
            free.run();
        } else {
            call(thread, () -> {
                free.run();
                return null;
            });
        }
        tokenizer.close();
    }
}
