package dev.qwenwb.evaluation.run;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.Generators;
import dev.qwenwb.inference.remote.OpenAiClient;
import dev.qwenwb.inference.remote.OpenAiEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the backend a configuration names. */
public final class Backends {

    private Backends() {
    }

    /**
     * @param config the configuration
     * @return its backend (the engine loads the model now)
     * @throws IllegalArgumentException for an unknown backend, a missing replay file or an unreachable endpoint
     */
    public static Backend open(RunConfig config) {
        String b = config.backend();
        int concurrency = config.intValue("concurrency", 1);
        if (concurrency < 1) {
            throw new IllegalArgumentException(config.where("concurrency") + " " + concurrency
                    + ": expected a whole number >= 1");
        }
        if (concurrency > 1 && !b.startsWith("openai:")) {
            throw new IllegalArgumentException(config.where("concurrency") + " " + concurrency + ": parallel requests "
                    + "are for remote backends (backend=openai:URL); this one runs one generation at a time");
        }
        if (b.startsWith("openai:")) {
            String model = config.get("model", null);
            if (model == null) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': backend=openai:URL needs "
                        + "model=NAME (the name the endpoint lists under GET /v1/models)");
            }
            OpenAiEndpoint endpoint = OpenAiEndpoint.of(b.substring("openai:".length()), model,
                    config.get("api_key", null));
            GeneratorBackend.sampling(config); // a bad setting is reported before connecting
            return new GeneratorBackend(OpenAiClient.open(endpoint), config).withConcurrency(concurrency);
        }
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
                + "' (engine, openai:BASE_URL or replay:FILE)");
    }
}
