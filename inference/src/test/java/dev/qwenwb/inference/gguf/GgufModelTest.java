package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the GGUF engine has, on the tiny f32 fixture: the file's description, its own chat template and
 * vocabulary (generation itself is {@code GgufContractTest}'s).
 */
@RequiresLlamaCpp
class GgufModelTest {

    private static GgufModel model;
    private static int[] prompt;

    @BeforeAll
    static void load() {
        model = GgufModel.load(TinyGgufs.tiny(GgmlType.F32), EngineOptions.defaults().withContextLength(256)
                .withThreads(1)); // one thread: ggml's workers spin at barriers, slow on a busy 2-core machine
        String text = model.chatTemplate().orElseThrow().render(List.of(ChatMessage.user("写一个快速排序")), true);
        prompt = model.tokenizer().encode(text);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void describesTheFile() {
        GgufModelInfo info = model.details();
        assertThat(info.name()).endsWith("-f32");
        assertThat(info.fileType()).isEqualTo("f32");
        assertThat(info.config().hiddenSize()).isEqualTo(64);
        assertThat(info.config().numHiddenLayers()).isEqualTo(2);
        assertThat(info.config().tieWordEmbeddings()).isTrue();
        assertThat(info.contextLength()).isEqualTo(256);
        assertThat(info.threads()).isEqualTo(1);
        assertThat(info.backend()).startsWith("llama.cpp v0.4.0 cpu-");
        assertThat(info.loadMs()).isPositive();
        assertThat(info.weightBytesPerToken()).isEqualTo(info.weightBytes()); // tied: the embedding is the output
        // llama.cpp's end-of-generation ids: <|im_end|> (eos) first, <|endoftext|> among them
        assertThat(model.defaults().eosTokenIds()).startsWith(151_645).contains(151_643);
        assertThat(model.defaults().doSample()).isFalse();
    }

    @Test
    void asAGeneratorItRendersAChatWithTheFilesOwnTemplate() {
        dev.qwenwb.inference.generate.Generator g = model;
        var chat = dev.qwenwb.inference.prompt.Prompt.chat(List.of(ChatMessage.user("写一个快速排序")));
        assertThat(g.info().engine()).isEqualTo("llama.cpp");
        assertThat(g.info().dtype()).isEqualTo("f32");
        assertThat(g.info().dtypeReason()).contains("GGUF");
        assertThat(g.info().device()).isEqualTo("cpu");
        assertThat(g.render(chat).ids()).containsExactly(prompt);
        GenerationResult r = g.generate(new dev.qwenwb.inference.generate.GenerationRequest(chat,
                dev.qwenwb.inference.generate.Sampling.argmax(), dev.qwenwb.inference.generate.Limits.maxTokens(6)));
        assertThat(r.promptText()).startsWith("<|im_start|>system\n").endsWith("<|im_start|>assistant\n");
        assertThat(r.tokenIds()).hasSizeBetween(1, 6);
        assertThat(r.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.EOS);
        assertThat(r.sampling().isArgmax()).isTrue();
    }

    @Test
    void tokenizesAsTheGgufSaysWithSpecialTokensParsed() {
        assertThat(model.tokenizer().encode("<|im_start|>hello<|im_end|>")).containsExactly(151644, 14990, 151645);
        assertThat(model.tokenizer().encode("Hello world")).containsExactly(9707, 1879);
        assertThat(model.tokenizer().decode(model.tokenizer().encode("写一个快速排序"))).isEqualTo("写一个快速排序");
        assertThat(model.tokenizer().tokenText(151645)).isEqualTo("<|im_end|>");
    }
}
