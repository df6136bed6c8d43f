package dev.qwenwb.inference.engines;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.hub.HubCache;
import dev.qwenwb.inference.hub.InstalledModels;
import dev.qwenwb.inference.hub.RepoRef;
import dev.qwenwb.inference.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Opens the {@link Generator} a user names with {@code --model} (or picks in the window): a Hugging Face model
 * folder runs on the in-process DJL engine, a {@code .gguf} file on llama.cpp in-process ({@link GgufModel}); an
 * installed repo id ({@code org/name[@revision]}) is its snapshot in the model cache (the one huggingface_hub shares).
 */
public final class Generators {

    private Generators() {
    }

    /**
     * @param model   what the user gave: a model folder, a {@code .gguf} file or an installed
     *                {@code org/name[@revision]}
     * @param options device, precision, context, threads
     * @return the loaded model
     * @throws ModelLoadException       for a folder or file that cannot be used (the message names it)
     * @throws IllegalArgumentException for a name that is none of the above, or options the machine cannot honour
     */
    public static Generator open(String model, EngineOptions options) {
        Path p = resolve(model);
        if (Files.isDirectory(p) && !Files.exists(p.resolve("config.json"))) {
            p = onlyGguf(p).orElse(p); // a GGUF repo's snapshot: the one .gguf in it
        }
        if (Files.isDirectory(p)) {
            return DjlModel.load(p, options);
        }
        if (p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            return GgufModel.load(p, options);
        }
        throw new IllegalArgumentException(model + ": no such model folder or file");
    }

    /**
     * @return the one {@code .gguf} file of a folder that has no config.json
     * @throws IllegalArgumentException if it holds several (naming them: the user picks one)
     */
    private static Optional<Path> onlyGguf(Path dir) {
        List<Path> ggufs;
        try (Stream<Path> files = Files.list(dir)) {
            ggufs = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
                    .sorted().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (ggufs.size() > 1) {
            throw new IllegalArgumentException(dir + " holds " + ggufs.size() + " GGUF files ("
                    + ggufs.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", "))
                    + "): give one of them as the model");
        }
        return ggufs.stream().findFirst();
    }

    /**
     * Where the model a user names is on disk: the path itself if it exists, else the snapshot of an installed repo
     * id (through the cache's {@code refs/}).
     *
     * @throws IllegalArgumentException for a repo id that is not installed (naming the cache and how to download it)
     */
    public static Path resolve(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("no model given: expected a model folder, a .gguf file or an "
                    + "installed repo id (org/name[@revision])");
        }
        Path p = Path.of(model);
        if (!Files.exists(p) && RepoRef.looksLikeRepo(model)) {
            return InstalledModels.require(model, HubCache.fromEnvironment());
        }
        return p;
    }
}
