package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.djl.DjlModel;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logits --model DIR --ids 1,2,3 [--top K]} → the K largest logits at the last position. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Run the model over token ids and print the K largest logits at the last position.")
final class LogitsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineFlags engine;

    @Option(names = "--ids", required = true, paramLabel = "1,2,3", description = "comma-separated token ids")
    String ids;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "how many (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() {
        int[] tokens = Json.parseIds(ids);
        if (top <= 0) {
            throw new IllegalArgumentException("--top must be > 0, was " + top);
        }
        try (Generator g = engine.openExact()) {
            if (!(g instanceof DjlModel model)) {
                throw new IllegalArgumentException("--model " + engine.model() + ": logits needs the in-process engine "
                        + "on a Hugging Face folder (" + g.info().engine() + " does not expose logits)");
            }
            Json.requireInVocabulary(tokens, model.info().vocabSize());
            float[] logits = model.logits(tokens);
            ArrayNode rows = Json.MAPPER.createArrayNode();
            IntStream.range(0, logits.length).boxed()
                    .sorted((a, b) -> a.equals(b) ? 0 : Float.compare(logits[b], logits[a]) != 0
                            ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b))
                    .limit(top)
                    .forEach(i -> rows.add(Json.MAPPER.createArrayNode().add(i).add(logits[i])));
            ObjectNode out = Json.object();
            out.set("top", rows);
            spec.commandLine().getOut().println(Json.write(out));
            return 0;
        }
    }
}
