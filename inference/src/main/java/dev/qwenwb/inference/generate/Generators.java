package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.model.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the {@link Generator} a user names with {@code --model} (or picks in the window): a Hugging Face model
 * folder runs on the in-process DJL engine.
 */
public final class Generators {

    private Generators() {
    }

    /**
     * @param model   what the user gave: a model folder
     * @param options device, precision, context, threads
     * @return the loaded model
     * @throws ModelLoadException       for a folder or file that cannot be used (the message names it)
     * @throws IllegalArgumentException for a name that is none of the above, or options the machine cannot honour
     */
    public static Generator open(String model, EngineOptions options) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("no model given: expected a model folder");
        }
        Path p = Path.of(model);
        if (Files.isDirectory(p)) {
            return LocalModel.load(p, options);
        }
        if (model.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            throw new ModelLoadException(p, "GGUF files are not supported by this build yet: give a Hugging Face "
                    + "model folder (config.json, tokenizer files, *.safetensors)");
        }
        throw new IllegalArgumentException(model + ": no such model folder");
    }
}
