package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.prompt.Prompt;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: one prompt, streamed to stdout, or one JSON object with the text, ids and stats. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a reply (chat template) or a continuation (--raw, --ids) and stream it.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineFlags engine;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--prompt", paramLabel = "TEXT", description = "the user message (or raw text with --raw)")
        String prompt;

        @Option(names = "--ids", paramLabel = "1,2,3", description = "the prompt as comma-separated token ids")
        String ids;
    }

    @Option(names = "--raw", description = "send --prompt as is, without the chat template")
    boolean raw;

    @Option(names = "--system", paramLabel = "TEXT", description = "system message (default: the template's)")
    String system;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "at most N new tokens (default: the model's max_new_tokens, else "
                    + Limits.DEFAULT_MAX_NEW_TOKENS + ")")
    Integer maxTokens;

    @Option(names = "--greedy", description = "always take the most likely token (overrides sampling options)")
    boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "default: the model's generation_config")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "default: the model's generation_config")
    Double topP;

    @Option(names = "--top-k", paramLabel = "K", description = "default: the model's generation_config (0 = off)")
    Integer topK;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "default: the model's generation_config")
    Double repetitionPenalty;

    @Option(names = "--seed", paramLabel = "S", description = "sampling seed (same seed, same output; default: random)")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop before this text (repeatable)")
    List<String> stops = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON object with text, token ids, finish reason and stats")
    boolean json;

    @Override
    public Integer call() {
        if (raw && input.prompt == null) {
            throw new IllegalArgumentException("--raw applies to --prompt; --ids are always sent as they are");
        }
        if (system != null && (raw || input.ids != null)) {
            throw new IllegalArgumentException("--system applies to a chat prompt, not to --raw or --ids");
        }
        Sampling sampling = sampling();
        Limits limits = limits();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Generator model = engine.open()) {
            limits.checkFits(model.info().contextLength(), "--max-tokens");
            GenerationRequest request = new GenerationRequest(prompt(model), sampling, limits);
            GenerationListener listener = json ? GenerationListener.NONE : new GenerationListener() {
                @Override
                public void onToken(int tokenId, String textDelta, LiveStats live) {
                    if (!textDelta.isEmpty()) {
                        out.print(textDelta);
                        out.flush();
                    }
                }
            };
            GenerationResult result = model.generate(request, listener).await();
            if (json) {
                out.println(Json.write(toJson(model, result)));
            } else {
                out.println();
                out.flush();
                err.println(StatsLine.of(result));
            }
            return 0;
        }
    }

    private Prompt prompt(Generator model) {
        if (input.ids != null) {
            int[] ids = Json.parseIds(input.ids);
            int vocab = model.info().vocabSize();
            return Prompt.tokens(vocab > 0 ? Json.requireInVocabulary(ids, vocab) : ids);
        }
        return raw ? Prompt.raw(input.prompt) : Prompt.user(system, input.prompt);
    }

    /** The sampling flags, each checked by name; {@code --greedy} is plain argmax. */
    private Sampling sampling() {
        if (temperature != null && (!(temperature >= 0) || temperature.isInfinite())) {
            throw new IllegalArgumentException("--temperature " + temperature + ": expected a number >= 0 (0 = greedy)");
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p " + topP + ": expected a number in (0, 1]");
        }
        if (topK != null && topK < 0) {
            throw new IllegalArgumentException("--top-k " + topK + ": expected a whole number >= 0 (0 = off)");
        }
        if (repetitionPenalty != null && (!(repetitionPenalty > 0) || repetitionPenalty.isInfinite())) {
            throw new IllegalArgumentException("--repetition-penalty " + repetitionPenalty
                    + ": expected a number > 0 (1 = off)");
        }
        return new Sampling(greedy ? Boolean.TRUE : null, temperature, topP, topK, repetitionPenalty, seed);
    }

    private Limits limits() {
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("--max-tokens " + maxTokens + ": expected a whole number > 0");
        }
        if (stops.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--stop: expected a non-empty text");
        }
        return Limits.maxTokens(maxTokens == null ? 0 : maxTokens).withStopStrings(stops);
    }

    private static ObjectNode toJson(Generator model, GenerationResult r) {
        ObjectNode o = Json.object();
        o.put("text", r.text());
        o.set("token_ids", Json.ints(r.tokenIds()));
        o.put("finish_reason", r.finishReason().label());
        o.set("stats", StatsLine.json(r.stats()));
        ObjectNode m = o.putObject("model");
        m.put("name", model.info().name());
        m.put("engine", model.info().engine());
        m.put("device", model.info().device());
        model.placement().ifPresent(p -> StatsLine.placement(m, p));
        m.put("dtype", model.info().dtype());
        m.put("dtype_reason", model.info().dtypeReason());
        m.put("context_length", model.info().contextLength());
        SamplingParams sampling = r.sampling();
        ObjectNode s = o.putObject("sampling");
        s.put("greedy", sampling.greedy());
        s.put("temperature", sampling.temperature());
        s.put("top_p", sampling.topP());
        s.put("top_k", sampling.topK());
        s.put("repetition_penalty", sampling.repetitionPenalty());
        s.put("seed", sampling.seed());
        return o;
    }
}
