package dev.qwenwb.evaluation.run;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.Generators;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the backend a configuration names. */
public final class Backends {

    private Backends() {
    }

    /**
     * @param config the configuration
     * @return its backend (the engine loads the model now)
     * @throws IllegalArgumentException for an unknown backend or a missing replay file
     */
    public static Backend open(RunConfig config) {
        String b = config.backend();
        if (b.startsWith("replay:")) {
            Path file = Path.of(b.substring("replay:".length()));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': replay file " + file
                        + " not found");
            }
            return new ReplayBackend(file);
        }
        if (b.equals("engine")) {
            String model = config.get("model", null);
            if (model == null) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': no model (give --model "
                        + "or model=…)");
            }
            EngineOptions options = GeneratorBackend.engineOptions(config);
            GeneratorBackend.sampling(config); // a bad setting is reported before the model loads
            return new GeneratorBackend(Generators.open(model, options), config);
        }
        throw new IllegalArgumentException("configuration '" + config.name() + "': unknown backend '" + b
                + "' (engine or replay:FILE)");
    }
}
