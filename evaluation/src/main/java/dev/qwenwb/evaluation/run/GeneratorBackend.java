package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.grammar.JsonSchemaException;
import dev.qwenwb.inference.grammar.ResponseFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers cases with any {@link Generator} (the in-process engine, and every engine behind the same API): each case
 * in a fresh session (no cache reuse between cases, so each TTFT includes its whole prefill). With
 * {@code concurrency} N &gt; 1 on a local engine, cases decode N at a time as sequences of one batched session
 * ({@link EngineModel#newSession(int)}); there a case may reuse a prefix an earlier case left in its slot's cache
 * (its TTFT then leaves out that part of the prefill). Greedy unless the configuration sets a temperature.
 */
public final class GeneratorBackend implements Backend {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Generator generator;
    private final Sampling sampling;
    private final int maxTokens;
    private final ResponseFormat format; // null: text
    private final java.util.Set<GenerationHandle> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int concurrency = 1;
    private Generator.Session batch; // concurrency > 1 on a local engine: its sequences decode together

    /**
     * @param generator the model (closed with this backend)
     * @param config    settings: max_tokens, temperature, top_p, top_k, repetition_penalty, seed, response_format,
     *                  json_schema
     */
    public GeneratorBackend(Generator generator, RunConfig config) {
        this.generator = generator;
        this.sampling = sampling(config);
        this.maxTokens = config.intValue("max_tokens", Limits.DEFAULT_MAX_NEW_TOKENS);
        this.format = responseFormat(config);
        if (maxTokens <= 0) {
            throw new IllegalArgumentException(config.where("max_tokens") + " " + maxTokens + ": expected > 0");
        }
    }

    /**
     * Lets the runner keep up to {@code n} generations in flight (a remote endpoint serves many at once; a local
     * engine decodes them as one batch).
     *
     * @return this backend
     */
    GeneratorBackend withConcurrency(int n) {
        concurrency = n;
        if (n > 1 && batch == null && generator instanceof EngineModel local) {
            batch = local.newSession(n);
        }
        return this;
    }

    @Override
    public int concurrency() {
        return concurrency;
    }

    /** The engine options a configuration names (device, dtype, context, threads, gpu_layers). */
    public static EngineOptions engineOptions(RunConfig config) {
        return EngineOptions.parse(config.get("device", null), config.get("dtype", null),
                config.intValue("context", 0), config.intValue("threads", 0), config.get("gpu_layers", null),
                key -> config.where(key.replace('-', '_')));
    }

    /** Greedy unless {@code temperature} &gt; 0; every unset value is the neutral one, not the model's default. */
    static Sampling sampling(RunConfig config) {
        double t = config.doubleValue("temperature", 0);
        double topP = config.doubleValue("top_p", 1.0);
        int topK = config.intValue("top_k", 0);
        double penalty = config.doubleValue("repetition_penalty", 1.0);
        long seed = config.intValue("seed", 0);
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException(config.where("temperature") + " " + t + ": expected >= 0");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException(config.where("top_p") + " " + topP + ": expected a number in (0, 1]");
        }
        if (topK < 0) {
            throw new IllegalArgumentException(config.where("top_k") + " " + topK + ": expected >= 0 (0 = off)");
        }
        if (!(penalty > 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException(config.where("repetition_penalty") + " " + penalty + ": expected > 0");
        }
        return t > 0 ? new Sampling(false, t, topP, topK, penalty, seed)
                : new Sampling(true, null, null, null, penalty, seed);
    }

    /**
     * The JSON output a configuration asks for: {@code response_format} {@code text} (the default),
     * {@code json_object}, or {@code json_schema} with {@code json_schema} a schema file or inline JSON (given alone,
     * {@code json_schema} implies {@code response_format=json_schema}). Local engines constrain decoding to it; a
     * remote endpoint is sent it as {@code response_format}.
     *
     * @return the format, or null for text
     * @throws IllegalArgumentException naming the configuration and the setting
     */
    public static ResponseFormat responseFormat(RunConfig config) {
        String schema = config.get("json_schema", null);
        String type = config.get("response_format", schema != null ? "json_schema" : "text");
        if (schema != null && !type.equals("json_schema")) {
            throw new IllegalArgumentException(config.where("json_schema") + ": a schema needs "
                    + "response_format=json_schema (it is '" + type + "')");
        }
        switch (type) {
            case "text":
                return null;
            case "json_object":
                return ResponseFormat.jsonObject();
            case "json_schema":
                if (schema == null || schema.isBlank()) {
                    throw new IllegalArgumentException(config.where("json_schema") + ": response_format=json_schema "
                            + "needs json_schema=FILE (a JSON schema file) or the schema as inline JSON");
                }
                try {
                    return ResponseFormat.jsonSchema(readSchema(config, schema.strip()));
                } catch (JsonSchemaException e) {
                    throw new IllegalArgumentException(config.where("json_schema") + ": " + e.getMessage());
                }
            default:
                throw new IllegalArgumentException(config.where("response_format") + " '" + type + "': expected "
                        + "text, json_object or json_schema");
        }
    }

    private static JsonNode readSchema(RunConfig config, String value) {
        String text = value;
        String what = "inline JSON";
        if (!value.startsWith("{")) {
            Path file = Path.of(value);
            what = "file " + file;
            try {
                text = Files.readString(file);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException(config.where("json_schema") + ": cannot read " + what + " ("
                        + (e instanceof java.nio.file.NoSuchFileException ? "not found" : e.getMessage()) + ")");
            }
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(config.where("json_schema") + ": " + what
                        + " is not a JSON schema object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(config.where("json_schema") + ": " + what + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    /** @return the model's load time in ms */
    public long loadMs() {
        return generator.info().loadMs();
    }

    @Override
    public Generation generate(EvalCase c, int repeat) {
        int limit = c.maxTokens() > 0 ? Math.min(c.maxTokens(), maxTokens) : maxTokens;
        GenerationRequest request = new GenerationRequest(c.prompt(), sampling,
                Limits.maxTokens(limit).withStopStrings(c.stop()), format);
        GenerationHandle h = batch != null ? batch.generate(request, GenerationListener.NONE)
                : generator.generate(request, GenerationListener.NONE);
        inFlight.add(h);
        try {
            GenerationResult r = h.await();
            GenerationStats s = r.stats();
            long memory = s.gpuMemoryMb() >= 0 ? s.gpuMemoryMb() : s.peakRssMb();
            Metrics m = Metrics.of(s.promptTokens(), s.tokenLatenciesMs(), s.prefillTokensPerS(),
                    s.decodeTokensPerS(), s.totalMs(), memory, s.loadMs(), r.finishReason().label());
            return new Generation(r.text(), m, s.tokenLatenciesMs().clone(),
                    r.finishReason() == FinishReason.CANCELLED, r.promptText());
        } finally {
            inFlight.remove(h);
        }
    }

    @Override
    public void cancel() {
        inFlight.forEach(GenerationHandle::cancel);
    }

    @Override
    public String describe() {
        // on a GPU: the device, the layers on it and the device memory (GGUF), beside the model's name
        return generator.info().describe() + generator.placement().filter(p -> p.onGpu())
                .map(p -> " · " + p.describe()).orElse("");
    }

    @Override
    public void close() {
        if (batch != null) {
            batch.close();
        }
        generator.close();
    }
}
