package dev.qwenwb.app.cli;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.llamacpp.NoSuchDeviceException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The engine flags every command that runs a model shares ({@code --model}, {@code --device}, {@code --dtype},
 * {@code --context}, {@code --threads}), parsed by the one {@link EngineOptions#parse} the window uses too.
 */
public final class EngineFlags {

    @Option(names = "--model", paramLabel = "MODEL",
            description = "model: a Hugging Face folder (config.json, tokenizer files, *.safetensors), a .gguf file, "
                    + "or an installed repo id, org/name[@revision] (see download, models)")
    List<String> models = new ArrayList<>();

    @Option(names = "--device", paramLabel = "D",
            description = "auto | cpu | gpu[:N] | cuda[:N]; GGUF also vulkan[:N] | metal (default: auto — a GGUF "
                    + "model goes to the first GPU llama.cpp finds, else the CPU; docs/GPU.md)")
    String device;

    @Option(names = "--gpu-layers", paramLabel = "N|all",
            description = "GGUF: how many layers go to the GPU when one is used (default: all)")
    String gpuLayers;

    @Option(names = "--dtype", paramLabel = "T",
            description = "auto | f32 | f16 | bf16 (default: auto — on a CPU the faster of f16 and f32, measured once "
                    + "per machine; f16 on CUDA)")
    String dtype;

    @Option(names = "--context", paramLabel = "N",
            description = "context window in tokens (default: min(4096, max_position_embeddings); serve: the model's "
                    + "max_position_embeddings, lowered where memory cannot hold --parallel caches of it)")
    Integer context;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: the engine's choice)")
    Integer threads;

    /** @return the engine options, each flag checked (one line naming the flag on a bad value) */
    EngineOptions options() {
        return EngineOptions.parse(device, dtype, context, threads, gpuLayers, key -> "--" + key);
    }

    /** @return whether {@code --model} was given */
    boolean hasModel() {
        return !models.isEmpty();
    }

    /** @return the one {@code --model} */
    String model() {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("missing required option: '--model=MODEL'");
        }
        if (models.size() > 1) {
            throw new IllegalArgumentException("--model is given " + models.size() + " times: this command takes one");
        }
        return models.get(0);
    }

    /** @return every {@code --model}, in the order given */
    List<String> allModels() {
        return List.copyOf(models);
    }

    /** Loads the one {@code --model} in f32 unless {@code --dtype} says otherwise: the exact mode ({@code logits}). */
    Generator openExact() {
        EngineOptions o = options();
        return open(model(), o.dtype() == null ? o.withDtype(ComputeDType.F32) : o);
    }

    /**
     * Loads the one {@code --model} for {@code serve}: without {@code --context}, with the model's own context, lowered
     * where the memory cannot hold {@code parallel} caches of it ({@link dev.qwenwb.inference.engine.ContextFit}).
     */
    Generator openServing(int parallel) {
        EngineOptions o = options();
        return Generators.open(model(), context == null
                ? o.withContextLength(EngineOptions.MODEL_CONTEXT).withSequences(parallel) : o);
    }

    /** Loads the one {@code --model} with these options. */
    Generator open() {
        EngineOptions o = options(); // flags are checked before a model loads
        return open(model(), o);
    }

    /** Loads {@code model}; a device that is not there is one line naming {@code --device} and the devices that are. */
    static Generator open(String model, EngineOptions o) {
        try {
            return Generators.open(model, o);
        } catch (NoSuchDeviceException e) {
            throw new IllegalArgumentException(e.namingSetting("--device")); // one line, the cause says the same
        }
    }
}
