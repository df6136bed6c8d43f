package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.ChatSession;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.LocalModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.ChatTemplate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    ModelOptions modelOptions;

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

    @Option(names = "--max-tokens", defaultValue = "512", paramLabel = "N",
            description = "at most N new tokens (default: ${DEFAULT-VALUE})")
    int maxTokens;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalModel model = modelOptions.load(); ChatSession session = model.newSession()) {
            int[] prompt = promptIds(model);
            SamplingParams sampling = sampling(model.generationConfig());
            Set<Integer> eos = new HashSet<>(model.generationConfig().eosTokenIds());
            GenerationRequest request = new GenerationRequest(prompt, sampling, maxTokens, stops, eos);
            GenerationListener listener = json ? GenerationListener.NONE : new GenerationListener() {
                @Override
                public void onToken(int tokenId, String textDelta) {
                    if (!textDelta.isEmpty()) {
                        out.print(textDelta);
                        out.flush();
                    }
                }
            };
            GenerationResult result = session.generate(request, listener).await();
            if (json) {
                out.println(Json.write(toJson(model, sampling, result)));
            } else {
                out.println();
                out.flush();
                err.println(StatsLine.of(result));
            }
            return 0;
        }
    }

    private int[] promptIds(LocalModel model) {
        if (input.ids != null) {
            return Json.requireInVocabulary(Json.parseIds(input.ids), model.info().config().vocabSize());
        }
        if (raw) {
            return model.tokenizer().encode(input.prompt);
        }
        ChatTemplate template = model.chatTemplate().orElseThrow(() -> new IllegalArgumentException(
                model.info().dir().resolve("tokenizer_config.json") + ": no chat_template; use --raw"));
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(input.prompt));
        return model.tokenizer().encode(template.render(messages, true));
    }

    private SamplingParams sampling(GenerationConfig g) {
        long s = seed != null ? seed : System.nanoTime();
        if (greedy) { // plain argmax: no repetition penalty unless one is given
            return SamplingParams.greedyDecoding().withSeed(s)
                    .withRepetitionPenalty(repetitionPenalty != null ? repetitionPenalty : 1.0);
        }
        return SamplingParams.overriding(g, temperature, topP, topK, repetitionPenalty, s);
    }

    private static ObjectNode toJson(LocalModel model, SamplingParams sampling, GenerationResult r) {
        ObjectNode o = Json.object();
        o.put("text", r.text());
        o.set("token_ids", Json.ints(r.tokenIds()));
        o.put("finish_reason", r.finishReason().label());
        o.set("stats", StatsLine.json(r.stats()));
        ObjectNode m = o.putObject("model");
        m.put("name", model.info().name());
        m.put("device", model.info().device());
        m.put("dtype", model.info().dtype().label());
        m.put("context_length", model.info().contextLength());
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
