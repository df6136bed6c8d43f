package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.ChatTemplate;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokenize --model DIR [--chat] TEXT} → {@code {"ids":[…]}}. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Print the token ids of TEXT with the model's own tokenizer.")
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model folder")
    Path model;

    @Option(names = "--chat", description = "render TEXT as one user message through the chat template first")
    boolean chat;

    @Parameters(paramLabel = "TEXT", description = "the text")
    String text;

    @Override
    public Integer call() {
        try (ModelFolder folder = ModelFolder.open(model);
             QwenTokenizer tokenizer = QwenTokenizer.load(folder.tokenizerJson())) {
            String input = text;
            if (chat) {
                input = ChatTemplate.fromTokenizerConfig(folder.tokenizerConfigJson())
                        .render(List.of(ChatMessage.user(text)), true);
            }
            ObjectNode out = Json.object();
            out.set("ids", Json.ints(tokenizer.encode(input)));
            spec.commandLine().getOut().println(Json.write(out));
            return 0;
        }
    }
}
