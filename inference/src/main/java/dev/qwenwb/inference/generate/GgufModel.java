package dev.qwenwb.inference.generate;

import com.sun.jna.Pointer;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.gguf.CpuCores;
import dev.qwenwb.inference.gguf.GgufFile;
import dev.qwenwb.inference.gguf.GgufModelInfo;
import dev.qwenwb.inference.gguf.GgufTokenizer;
import dev.qwenwb.inference.gguf.Qwen2Gguf;
import dev.qwenwb.inference.engine.DevicePlacement;
import dev.qwenwb.inference.llamacpp.GpuPlacement;
import dev.qwenwb.inference.llamacpp.LlamaContextParams;
import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import dev.qwenwb.inference.llamacpp.LlamaModelParams;
import dev.qwenwb.inference.llamacpp.LlamaNatives;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import dev.qwenwb.inference.util.NativeHeap;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A qwen2 GGUF model loaded in this process through llama.cpp (its own CPU kernels: q8_0, q4_K, f16, ...): the
 * {@link Generator} of {@code --model FILE.gguf} (beside {@link LocalModel}, the DJL engine's; the file format and
 * the native binding live in {@code dev.qwenwb.inference.gguf} and {@code dev.qwenwb.inference.llamacpp}). Prompts are rendered by the shared {@link PromptRenderer} with the
 * file's own {@code tokenizer.chat_template} and tokenized by its own vocabulary. The file is checked in Java first ({@link GgufFile}, {@link Qwen2Gguf}), so a bad file is a {@link ModelLoadException} with
 * one line naming it, never a native crash. One model thread runs every llama.cpp call (llama.cpp computes on its
 * own worker threads); sessions ({@link GgufSession}) each own a llama.cpp context with its KV cache. Closing frees
 * the sessions' contexts and the weights.
 */
public final class GgufModel implements Generator {

    private static final Logger LOG = LoggerFactory.getLogger(GgufModel.class);
    private static final String THREAD_NAME = "gguf-model";
    /** Physical batch: llama.cpp splits a longer prompt batch into pieces of this many tokens. */
    private static final int UBATCH = 512;

    /** One model thread for every GGUF model of the process; models queue behind each other. */
    private static final ExecutorService MODEL_THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });

    private final AtomicBoolean closed = new AtomicBoolean();
    private final LlamaLibrary llama;
    private final Pointer model;
    /** {@link ModelInfo#engine()} of this engine. */
    public static final String ENGINE = "llama.cpp";

    private final GgufModelInfo info;
    private final ModelInfo modelInfo;
    private final PromptRenderer renderer;
    private final Qwen2Gguf gguf;
    private final GgufTokenizer tokenizer;
    private final GenerationConfig generationConfig;
    private final List<GgufSession> sessions = new ArrayList<>(); // model thread only
    private final GpuPlacement placement;

    private GgufModel(LlamaLibrary llama, Pointer model, GgufFile header, Qwen2Gguf gguf, String backend,
                      int threads, long t0, int context, GpuPlacement placement) {
        Path file = header.path();
        this.placement = placement;
        this.llama = llama;
        this.model = model;
        this.gguf = gguf;
        this.tokenizer = new GgufTokenizer(llama, llama.llama_model_get_vocab(model), this::checkOpen);
        Set<Integer> eog = new LinkedHashSet<>();
        if (gguf.eosId() >= 0) {
            eog.add(gguf.eosId());
        }
        Pointer vocab = llama.llama_model_get_vocab(model);
        for (int id : gguf.controlTokens()) { // llama.cpp's end-of-generation set: eos, eot, <|endoftext|>, ...
            if (llama.llama_vocab_is_eog(vocab, id) != 0) {
                eog.add(id);
            }
        }
        this.generationConfig = generationConfig(header, gguf, List.copyOf(eog));
        this.renderer = new PromptRenderer(template(file, gguf, tokenizer), file + " (tokenizer.chat_template)", new PromptRenderer.Codec() {
            @Override
            public int[] encode(String text) {
                return tokenizer.encode(text);
            }

            @Override
            public String decode(int[] ids) {
                return tokenizer.decode(ids, true);
            }
        });
        String name = file.getFileName().toString().replaceFirst("(?i)\\.gguf$", "");
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        this.info = new GgufModelInfo(name, file, gguf.config(), gguf.fileType(), backend, threads, loadMs,
                gguf.weightBytes(), gguf.weightBytesPerToken(), context);
        this.modelInfo = new ModelInfo(name, ENGINE, file.toString(), gguf.config().vocabSize(),
                gguf.config().maxPositionEmbeddings(), placement.deviceId(), gguf.fileType(), loadMs,
                gguf.weightBytes(), gguf.weightBytesPerToken(), context, "the GGUF file's own types (llama.cpp runs them as stored)");
    }

    /**
     * Checks and loads {@code file}. Blocks until loaded.
     *
     * @param options {@code contextLength} (0: min(4096, the model's)) and {@code threads} (0: the physical cores);
     *                device and dtype do not apply (llama.cpp runs the file's own types on the CPU)
     * @throws ModelLoadException for an unusable file (one line naming it)
     * @throws IllegalArgumentException for a context longer than the model's
     * @throws IllegalStateException if llama.cpp's libraries cannot be loaded on this machine
     */
    public static GgufModel load(Path file, EngineOptions options) {
        return call(() -> loadOnModelThread(file, options));
    }

    private static GgufModel loadOnModelThread(Path file, EngineOptions options) {
        long t0 = System.nanoTime();
        GgufFile header = GgufFile.read(file);
        Qwen2Gguf gguf = Qwen2Gguf.check(header);
        int context = contextLength(options.contextLength(), gguf.config().maxPositionEmbeddings());
        int threads = options.threads() > 0 ? options.threads() : CpuCores.physical();
        long checked = System.nanoTime();
        GpuPlacement placement = GpuPlacement.choose(options.device(), options.gpuLayers());
        LlamaNatives natives = placement.natives();
        LlamaLibrary llama = natives.llama();
        long nativesReady = System.nanoTime();
        LlamaModelParams.ByValue params = llama.llama_model_default_params();
        placement.apply(params);
        params.load_mode = LlamaModelParams.LOAD_MODE_NONE; // read into memory, as the reference harness loads
        params.lazy_mode = LlamaModelParams.LAZY_MODE_OFF;
        Pointer model = placement.countWeights(
                () -> llama.llama_model_load_from_file(file.toAbsolutePath().toString(), params));
        if (model == null) {
            throw new ModelLoadException(file, "llama.cpp could not load it (its log, logger llama.cpp, says why)");
        }
        try {
            String backend = natives.release() + " cpu-" + natives.cpuBackend();
            GgufModel m = new GgufModel(llama, model, header, gguf, backend, threads, t0, context, placement);
            if (LOG.isInfoEnabled()) {
                LOG.info("loaded {} ({}, {} MB of weights) through {} on {} with {} threads in {} ms (header check {} ms,"
                                + " libraries {} ms; RSS {} MB, peak {} MB)", m.info.name(), gguf.fileType(),
                        gguf.weightBytes() >> 20, backend, placement, threads, m.info.loadMs(),
                        (checked - t0) / 1_000_000,
                        (nativesReady - checked) / 1_000_000, ProcessMemory.rssMb(), ProcessMemory.peakRssMb());
            }
            return m;
        } catch (RuntimeException | Error e) {
            llama.llama_model_free(model);
            throw e;
        }
    }

    private static int contextLength(int requested, int maxPositions) {
        if (requested > maxPositions) {
            throw new IllegalArgumentException("context length " + requested + " exceeds the model's context_length "
                    + maxPositions);
        }
        return requested > 0 ? requested : Math.min(EngineOptions.DEFAULT_CONTEXT, maxPositions);
    }

    /**
     * Sampling defaults: llama.cpp's {@code general.sampling.*} keys where the file has them (temperature > 0
     * samples), else Hugging Face's defaults (greedy) as for a folder without {@code generation_config.json}.
     */
    private static GenerationConfig generationConfig(GgufFile header, Qwen2Gguf gguf, List<Integer> eos) {
        GenerationConfig d = GenerationConfig.defaults(gguf.config());
        String k = "general.sampling.";
        double temperature = header.number(k + "temp", Double.NaN);
        boolean sample = !Double.isNaN(temperature) && temperature > 0;
        return new GenerationConfig(sample, sample ? temperature : d.temperature(),
                header.number(k + "top_p", d.topP()), (int) header.number(k + "top_k", d.topK()),
                header.number(k + "penalty_repeat", d.repetitionPenalty()), eos, d.maxNewTokens());
    }

    private static ChatTemplate template(Path file, Qwen2Gguf gguf, GgufTokenizer tokenizer) {
        if (gguf.chatTemplate().isEmpty()) {
            return null;
        }
        try {
            String eos = gguf.eosId() >= 0 ? tokenizer.tokenText(gguf.eosId()) : null;
            return new ChatTemplate(gguf.chatTemplate().get(), null, eos);
        } catch (RuntimeException e) {
            LOG.warn("{}: no usable tokenizer.chat_template ({}); only raw prompts will work", file, e.getMessage());
            return null;
        }
    }

    @Override
    public ModelInfo info() {
        return modelInfo;
    }

    /** @return what only this engine knows: hyperparameters, file type, llama.cpp build and CPU backend, threads */
    public GgufModelInfo details() {
        return info;
    }

    @Override
    public Optional<DevicePlacement> placement() {
        return Optional.of(placement.report(gguf.config().numHiddenLayers()));
    }

    /** @return device memory (weights and one session) in MB, -1 on the CPU */
    long gpuMemoryMb() {
        return placement.deviceMemoryMb();
    }

    /** @return what the header says (file type, chat template, special token ids) */
    public Qwen2Gguf gguf() {
        return gguf;
    }

    public GgufTokenizer tokenizer() {
        return tokenizer;
    }

    /** The GGUF's own chat template ({@code tokenizer.chat_template}), if it has a usable one. */
    public Optional<ChatTemplate> chatTemplate() {
        return renderer.template();
    }

    /** Sampling defaults, and llama.cpp's end-of-generation ids as the eos ids. */
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

    /** A conversation with its own llama.cpp context (KV cache of {@link GgufModelInfo#contextLength()} tokens). */
    @Override
    public GgufSession newSession() {
        return onModelThread(() -> {
            GgufSession s = new GgufSession(this, newContext(), info.contextLength());
            sessions.add(s);
            return s;
        });
    }

    /** Logits of the last position of {@code ids}, from a fresh context (the exact mode of the CLI's logits). */
    public float[] logits(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no token ids given");
        }
        if (ids.length > info.contextLength()) {
            throw new PromptTooLongException(ids.length, info.contextLength(), info.config().maxPositionEmbeddings());
        }
        try (GgufSession s = newSession()) {
            return onModelThread(() -> s.prefillLogits(ids));
        }
    }

    private Pointer newContext() {
        LlamaContextParams.ByValue p = llama.llama_context_default_params();
        p.n_ctx = info.contextLength();
        p.n_batch = info.contextLength(); // a whole prompt goes into one llama_decode
        p.n_ubatch = Math.min(UBATCH, info.contextLength());
        p.n_seq_max = 1;
        p.n_threads = info.threads();
        p.n_threads_batch = info.threads();
        p.flash_attn_type = LlamaContextParams.FLASH_ATTN_AUTO;
        p.no_perf = 1;
        Pointer ctx = placement.countContext(() -> llama.llama_init_from_model(model, p));
        if (ctx == null) {
            throw new IllegalStateException(info.file() + ": llama.cpp could not create a context of "
                    + info.contextLength() + " tokens (out of memory?)");
        }
        return ctx;
    }

    LlamaLibrary llama() {
        return llama;
    }

    void forgetSession(GgufSession s) {
        sessions.remove(s);
    }

    /** Runs {@code task} on the model thread and waits for it (directly when already there). */
    <T> T onModelThread(Callable<T> task) {
        checkOpen();
        return call(task);
    }

    /** Queues {@code task} on the model thread. */
    void submit(Runnable task) {
        checkOpen();
        MODEL_THREAD.execute(task);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model " + info.name() + " is closed");
        }
    }

    private static <T> T call(Callable<T> task) {
        if (Thread.currentThread().getName().equals(THREAD_NAME)) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return Futures.await(MODEL_THREAD.submit(task));
    }

    /** Frees every session's context and the weights (after the work queued before). */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        call(() -> {
            for (GgufSession s : List.copyOf(sessions)) {
                s.free();
            }
            sessions.clear();
            llama.llama_model_free(model);
            NativeHeap.trim();
            return null;
        });
    }
}
