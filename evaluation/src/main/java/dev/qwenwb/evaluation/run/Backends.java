package dev.qwenwb.evaluation.run;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.remote.OpenAiClient;
import dev.qwenwb.inference.remote.OpenAiEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the backend a configuration names. */
public final class Backends {

    private Backends() {
    }

    /**
     * Checks a configuration's settings without opening anything (no model loads, no connection), so that a
     * command can refuse it before it writes a run folder.
     *
     * @param config the configuration
     * @throws IllegalArgumentException naming the configuration and the setting
     */
    public static void check(RunConfig config) {
        String b = config.backend();
        int concurrency = config.intValue("concurrency", 1);
        if (concurrency < 1) {
            throw new IllegalArgumentException(config.where("concurrency") + " " + concurrency
                    + ": expected a whole number >= 1");
        }
        if (concurrency > 1 && !b.startsWith("openai:") && !b.equals("engine")) {
            throw new IllegalArgumentException(config.where("concurrency") + " " + concurrency + ": parallel requests "
                    + "are for the engine and remote backends (backend=openai:URL); this one answers one at a time");
        }
        if (b.startsWith("openai:")) {
            if (config.get("model", null) == null) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': backend=openai:URL needs "
                        + "model=NAME (the name the endpoint lists under GET /v1/models)");
            }
            GeneratorBackend.sampling(config);
            GeneratorBackend.responseFormat(config);
        } else if (b.startsWith("replay:")) {
            Path file = Path.of(b.substring("replay:".length()));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': replay file " + file
                        + " not found");
            }
            new ReplayBackend(file); // every line read and checked now, before a run folder is made

        } else if (b.equals("engine")) {
            if (config.get("model", null) == null) {
                throw new IllegalArgumentException("configuration '" + config.name() + "': no model (give --model "
                        + "or model=…)");
            }
            GeneratorBackend.engineOptions(config);
            GeneratorBackend.sampling(config);
            GeneratorBackend.responseFormat(config);
        } else {
            throw new IllegalArgumentException("configuration '" + config.name() + "': unknown backend '" + b
                    + "' (engine, openai:BASE_URL or replay:FILE)");
        }
    }

    /**
     * @param config the configuration
     * @return its backend (the engine loads the model now)
     * @throws IllegalArgumentException for a setting {@link #check} refuses or an unreachable endpoint
     */
    public static Backend open(RunConfig config) {
        check(config); // a bad setting is reported before the model loads or the endpoint is reached
        String b = config.backend();
        if (b.startsWith("openai:")) {
            OpenAiEndpoint endpoint = OpenAiEndpoint.of(b.substring("openai:".length()), config.get("model", null),
                    config.get("api_key", null));
            return new GeneratorBackend(OpenAiClient.open(endpoint), config)
                    .withConcurrency(config.intValue("concurrency", 1));
        }
        if (b.startsWith("replay:")) {
            return new ReplayBackend(Path.of(b.substring("replay:".length())));
        }
        EngineOptions options = GeneratorBackend.engineOptions(config);
        return new GeneratorBackend(Generators.open(config.get("model", null), options), config)
                .withConcurrency(config.intValue("concurrency", 1));
    }
}
