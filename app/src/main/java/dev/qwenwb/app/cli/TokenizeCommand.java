package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenize --model DIR [--chat] TEXT} → {@code {"ids":[…]}}, without loading the weights. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids of TEXT with the model's own tokenizer (the weights are not loaded).")
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineFlags engine;

    @Option(names = "--chat", description = "render TEXT as one user message through the chat template first")
    boolean chat;

    @Parameters(paramLabel = "TEXT", description = "the text")
    String text;

    @Override
    public Integer call() {
        Path dir = Generators.resolve(engine.model());
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--model " + dir + ": expected a model folder");
        }
        try (ModelFolder folder = ModelFolder.open(dir);
             QwenTokenizer tokenizer = QwenTokenizer.load(folder.tokenizerJson())) {
            Prompt prompt = chat ? Prompt.user(null, text) : Prompt.raw(text);
            ObjectNode out = Json.object();
            out.set("ids", Json.ints(DjlModel.promptRenderer(folder, tokenizer).render(prompt).ids()));
            spec.commandLine().getOut().println(Json.write(out));
            return 0;
        }
    }
}
