package dev.qwenwb.app.cli;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.LocalModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that pick and place a model, shared by the subcommands that load one. */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Hugging Face model folder (config.json, tokenizer files, *.safetensors)")
    Path model;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D",
            description = "auto | cpu | cuda[:N] (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--dtype", paramLabel = "T", description = "f32 | f16 | bf16 (default: f32 on CPU, f16 on CUDA)")
    String dtype;

    @Option(names = "--context", defaultValue = "0", paramLabel = "N",
            description = "context window in tokens (default: min(4096, max_position_embeddings))")
    int context;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "CPU threads for matrix products (default: PyTorch's choice)")
    int threads;

    EngineOptions engineOptions() {
        return new EngineOptions(DeviceSpec.parse(device), dtype == null ? null : ComputeDType.parse(dtype),
                context, threads);
    }

    LocalModel load() {
        return LocalModel.load(model, engineOptions());
    }
}
