package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.ChatSession;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.LocalModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.prompt.CoderPrompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The in-process engine: loads the configuration's model once and answers every case in a fresh session (no
 * KV-cache reuse between cases, so each TTFT includes its whole prefill). Greedy unless the configuration sets
 * a temperature.
 */
public final class EngineBackend implements Backend {

    private final LocalModel model;
    private final SamplingParams sampling;
    private final int maxTokens;
    private volatile GenerationHandle current;

    /**
     * Loads the model.
     *
     * @param config settings: model (required), device, dtype, context, threads, max_tokens, temperature,
     *               top_p, top_k, repetition_penalty, seed
     */
    public EngineBackend(RunConfig config) {
        String dir = config.get("model", null);
        if (dir == null) {
            throw new IllegalArgumentException("configuration '" + config.name() + "': no model (give --model DIR "
                    + "or model=DIR)");
        }
        String dtype = config.get("dtype", null);
        EngineOptions options = new EngineOptions(DeviceSpec.parse(config.get("device", "auto")),
                dtype == null ? null : ComputeDType.parse(dtype), config.intValue("context", 0),
                config.intValue("threads", 0));
        this.maxTokens = config.intValue("max_tokens", 512);
        double t = config.doubleValue("temperature", 0);
        long seed = config.intValue("seed", 0);
        double penalty = config.doubleValue("repetition_penalty", 1.0);
        this.sampling = t > 0
                ? new SamplingParams(false, t, config.doubleValue("top_p", 1.0), config.intValue("top_k", 0), penalty,
                        seed)
                : SamplingParams.greedyDecoding().withRepetitionPenalty(penalty).withSeed(seed);
        this.model = LocalModel.load(Path.of(dir), options);
    }

    /** @return the loaded model's load time in ms */
    public long loadMs() {
        return model.info().loadMs();
    }

    @Override
    public Generation generate(EvalCase c, int repeat) {
        List<String> stops = new ArrayList<>(c.stop());
        Set<Integer> eos = new HashSet<>(model.generationConfig().eosTokenIds());
        String prompt;
        switch (c.kind()) {
            case CHAT:
                ChatTemplate template = model.chatTemplate().orElseThrow(() -> new IllegalStateException(
                        model.info().dir() + ": the model has no chat_template; case '" + c.id() + "' needs one"));
                prompt = template.render(c.messages(), true);
                break;
            case FIM:
                prompt = CoderPrompts.fim(c.text(), c.suffix());
                eos.addAll(CoderPrompts.FIM_STOP_TOKEN_IDS);
                break;
            case REPO:
                prompt = CoderPrompts.repoLevel(c.repoName(), c.files());
                stops.addAll(CoderPrompts.STOP_STRINGS);
                break;
            default:
                prompt = c.text();
                break;
        }
        int[] ids = model.tokenizer().encode(prompt);
        int limit = c.maxTokens() > 0 ? Math.min(c.maxTokens(), maxTokens) : maxTokens;
        GenerationRequest request = new GenerationRequest(ids, sampling, limit, stops, eos);
        try (ChatSession session = model.newSession()) {
            current = session.generate(request, GenerationListener.NONE);
            GenerationResult r = current.await();
            GenerationStats s = r.stats();
            long memory = s.gpuMemoryMb() >= 0 ? s.gpuMemoryMb() : s.peakRssMb();
            Metrics m = Metrics.of(s.promptTokens(), s.tokenLatenciesMs(), s.prefillTokensPerS(),
                    s.decodeTokensPerS(), s.totalMs(), memory, s.loadMs(), r.finishReason().label());
            return new Generation(r.text(), m, s.tokenLatenciesMs().clone(),
                    r.finishReason() == FinishReason.CANCELLED);
        } finally {
            current = null;
        }
    }

    @Override
    public void cancel() {
        GenerationHandle h = current;
        if (h != null) {
            h.cancel();
        }
    }

    @Override
    public String describe() {
        return model.info().name() + " on " + model.info().device() + " (" + model.info().dtype().label() + ")";
    }

    @Override
    public void close() {
        model.close();
    }
}
