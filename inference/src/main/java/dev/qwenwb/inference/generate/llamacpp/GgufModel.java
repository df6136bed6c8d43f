package dev.qwenwb.inference.generate.llamacpp;

import com.sun.jna.Pointer;
import dev.qwenwb.inference.engine.ContextFit;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.DevicePlacement;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.generate.decode.EngineContext;
import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.generate.decode.ModelThread;
import dev.qwenwb.inference.gguf.CpuCores;
import dev.qwenwb.inference.gguf.GgufFile;
import dev.qwenwb.inference.gguf.GgufModelInfo;
import dev.qwenwb.inference.gguf.GgufTokenizer;
import dev.qwenwb.inference.gguf.Qwen2Gguf;
import dev.qwenwb.inference.llamacpp.GpuPlacement;
import dev.qwenwb.inference.llamacpp.LlamaContextParams;
import dev.qwenwb.inference.llamacpp.LlamaLibrary;
import dev.qwenwb.inference.llamacpp.LlamaModelParams;
import dev.qwenwb.inference.llamacpp.LlamaNatives;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.PromptRenderer;
import dev.qwenwb.inference.util.NativeHeap;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A qwen2 GGUF model loaded in this process through llama.cpp (its own CPU kernels: q8_0, q4_K, f16, ...): the
 * {@link dev.qwenwb.inference.generate.Generator} of {@code --model FILE.gguf} (the file format and the native binding
 * live in {@code dev.qwenwb.inference.gguf} and {@code dev.qwenwb.inference.llamacpp}). Prompts are rendered by the
 * shared {@link PromptRenderer} with the file's own {@code tokenizer.chat_template} and tokenized by its own
 * vocabulary. The file is checked in Java first ({@link GgufFile}, {@link Qwen2Gguf}), so a bad file is a
 * {@link ModelLoadException} with one line naming it, never a native crash. One model thread runs every llama.cpp
 * call (llama.cpp computes on its own worker threads); each session owns a llama.cpp context ({@link LlamaContext})
 * with one KV cache for all its sequences, driven by the shared
 * {@link dev.qwenwb.inference.generate.decode.DecodeLoop}. Closing frees the sessions' contexts and the weights.
 */
public final class GgufModel extends EngineModel {

    private static final Logger LOG = LoggerFactory.getLogger(GgufModel.class);
    /** Physical batch: llama.cpp splits a longer prompt batch into pieces of this many tokens. */
    private static final int UBATCH = 512;
    /** llama.cpp's default cache type, f16 (type_k and type_v are left as they are). */
    private static final int KV_BYTES = 2;

    /** The llama.cpp engine's one model thread, shared by every GGUF model of the process. */
    private static final ModelThread MODEL_THREAD = new ModelThread("gguf-model");

    private final LlamaLibrary llama;
    private final Pointer model;
    /** {@link ModelInfo#engine()} of this engine. */
    public static final String ENGINE = "llama.cpp";

    private final GgufModelInfo info;
    private final Qwen2Gguf gguf;
    private final GgufTokenizer tokenizer;
    private Vocabulary vocabulary; // built at the first constrained generation (model thread)
    private final GpuPlacement placement;

    private GgufModel(LlamaLibrary llama, Pointer model, GgufFile header, Qwen2Gguf gguf, String backend,
                      int threads, long t0, ContextFit fit, GpuPlacement placement) {
        super(MODEL_THREAD);
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
        GenerationConfig generationConfig = generationConfig(header, gguf, List.copyOf(eog));
        PromptRenderer renderer = new PromptRenderer(template(file, gguf, tokenizer),
                file + " (tokenizer.chat_template)", new PromptRenderer.Codec() {
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
                gguf.weightBytes(), gguf.weightBytesPerToken(), fit.context());
        describe(new ModelInfo(name, ENGINE, file.toString(), gguf.config().vocabSize(),
                gguf.config().maxPositionEmbeddings(), placement.deviceId(), gguf.fileType(), loadMs,
                gguf.weightBytes(), gguf.weightBytesPerToken(), fit.context(),
                "the GGUF file's own types (llama.cpp runs them as stored)", fit.reason()), generationConfig, renderer);
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
        return MODEL_THREAD.call(() -> loadOnModelThread(file, options));
    }

    private static GgufModel loadOnModelThread(Path file, EngineOptions options) {
        long t0 = System.nanoTime();
        GgufFile header = GgufFile.read(file);
        Qwen2Gguf gguf = Qwen2Gguf.check(header);
        int context = contextLength(options.contextLength(), gguf.config().maxPositionEmbeddings(),
                "context_length");
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
            ContextFit fit = ContextFit.of(options, context, ContextFit.kvBytesPerToken(gguf.config(), KV_BYTES),
                    placement::availableBytes, placement.memoryName());
            GgufModel m = new GgufModel(llama, model, header, gguf, backend, threads, t0, fit, placement);
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
            return new ChatTemplate(gguf.chatTemplate().get(), null, eos).from(file + " (tokenizer.chat_template)");
        } catch (RuntimeException e) {
            LOG.warn("{}: no usable tokenizer.chat_template ({}); only raw prompts will work", file, e.getMessage());
            return null;
        }
    }

    /** @return what only this engine knows: hyperparameters, file type, llama.cpp build and CPU backend, threads */
    public GgufModelInfo details() {
        return info;
    }

    @Override
    public Optional<DevicePlacement> placement() {
        return Optional.of(placement.report(gguf.config().numHiddenLayers()));
    }

    /** @return device memory (weights and the contexts) in MB, -1 on the CPU */
    @Override
    protected long deviceMemoryMb() {
        return placement.deviceMemoryMb();
    }

    /** @return what the header says (file type, chat template, special token ids) */
    public Qwen2Gguf gguf() {
        return gguf;
    }

    public GgufTokenizer tokenizer() {
        return tokenizer;
    }

    /** A llama.cpp context whose KV cache holds {@code sequences} sequences of the context length each. */
    @Override
    protected EngineContext newContext(int sequences) {
        return new LlamaContext(llama, newContext(sequences, info.contextLength()), tokenizer, info.contextLength(),
                sequences, this::vocabulary);
    }

    /** The tokens' bytes as llama.cpp renders them (control tokens render as nothing), built once (model thread). */
    private Vocabulary vocabulary() {
        if (vocabulary == null) {
            byte[][] bytes = new byte[tokenizer.size()][];
            byte[] buf = new byte[256];
            for (int id = 0; id < bytes.length; id++) {
                int n = tokenizer.piece(id, buf, false);
                if (n < 0) {
                    buf = new byte[-n];
                    n = tokenizer.piece(id, buf, false);
                }
                bytes[id] = n > 0 ? java.util.Arrays.copyOf(buf, n) : null;
            }
            vocabulary = Vocabulary.of(bytes);
        }
        return vocabulary;
    }

    private Pointer newContext(int sequences, int capacity) {
        LlamaContextParams.ByValue p = llama.llama_context_default_params();
        p.n_ctx = capacity * sequences;   // without a unified cache, each sequence gets n_ctx / n_seq_max cells
        p.n_batch = capacity * sequences; // every sequence's whole prompt can go into one llama_decode
        p.n_ubatch = Math.min(UBATCH, capacity);
        p.n_seq_max = sequences;
        if (sequences > 1) {
            p.kv_unified = 0;
        }
        p.n_threads = info.threads();
        p.n_threads_batch = info.threads();
        p.flash_attn_type = LlamaContextParams.FLASH_ATTN_AUTO;
        p.no_perf = 1;
        Pointer ctx = placement.countContext(() -> llama.llama_init_from_model(model, p));
        if (ctx == null) {
            throw new IllegalStateException(info.file() + ": llama.cpp could not create a context of "
                    + sequences + " × " + capacity + " tokens (out of memory?)");
        }
        return ctx;
    }

    @Override
    protected void freeWeights() {
        llama.llama_model_free(model);
        NativeHeap.trim();
    }
}
