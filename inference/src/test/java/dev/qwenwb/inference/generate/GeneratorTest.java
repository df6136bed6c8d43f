package dev.qwenwb.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.CoderPrompts;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.PromptException;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import dev.qwenwb.inference.prompt.RepoFile;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation seam on the DJL engine: every prompt form rendered in one place, the model's defaults applied. */
class GeneratorTest {

    private static Generator model;

    @BeforeAll
    static void load() {
        model = Generators.open(TinyModels.tiny(TensorDType.F32).toString(),
                EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withContextLength(256));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aChatPromptGoesThroughTheModelsOwnTemplate() {
        RenderedPrompt p = model.render(Prompt.user("You are terse.", "写一个快速排序"));
        assertThat(p.text()).isEqualTo("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n写一个快速排序"
                + "<|im_end|>\n<|im_start|>assistant\n");
        assertThat(p.ids()).startsWith(151644); // <|im_start|> as one special token
        assertThat(p.stopTokenIds()).isEmpty();
        GenerationResult r = model.generate(new GenerationRequest(Prompt.user(null, "hi"), Sampling.argmax(),
                Limits.maxTokens(3)));
        assertThat(r.promptText()).startsWith("<|im_start|>system\nYou are Qwen").endsWith("<|im_start|>assistant\n");
        assertThat(r.stats().promptTokens()).isEqualTo(model.render(Prompt.user(null, "hi")).length());
    }

    @Test
    void codeCompletionFormatsBringTheirOwnStops() {
        RenderedPrompt fim = model.render(Prompt.fim("def f(x):\n    ", "\n    return y\n"));
        assertThat(fim.text()).isEqualTo("<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y\n<|fim_middle|>");
        assertThat(fim.stopTokenIds()).containsExactlyInAnyOrderElementsOf(CoderPrompts.FIM_STOP_TOKEN_IDS);
        RenderedPrompt repo = model.render(Prompt.repo("demo", List.of(new RepoFile("a.py", "x = 1"),
                new RepoFile("b.py", "import a\n"))));
        assertThat(repo.text()).isEqualTo("<|repo_name|>demo\n<|file_sep|>a.py\nx = 1\n<|file_sep|>b.py\nimport a\n");
        assertThat(repo.stopStrings()).containsExactly(CoderPrompts.FILE_SEP);
        assertThat(model.render(Prompt.raw("def fib(n):")).text()).isEqualTo("def fib(n):");
        RenderedPrompt ids = model.render(Prompt.tokens(9707, 1879));
        assertThat(ids.ids()).containsExactly(9707, 1879);
        assertThat(ids.text()).isEqualTo("Hello world");
    }

    @Test
    void theLengthAndSamplingDefaultsComeFromGenerationConfig(@TempDir Path dir) throws Exception {
        Path copy = copyOf(TinyModels.tiny(TensorDType.F32), dir);
        Files.writeString(copy.resolve("generation_config.json"),
                "{\"do_sample\": true, \"temperature\": 0.7, \"top_p\": 0.8, \"top_k\": 20, "
                        + "\"repetition_penalty\": 1.05, \"eos_token_id\": [151645], \"max_new_tokens\": 7}");
        try (Generator g = Generators.open(copy.toString(),
                EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withContextLength(256))) {
            GenerationResult r = g.generate(new GenerationRequest(Prompt.raw("Hello"), Sampling.modelDefaults(),
                    Limits.defaults().withIgnoreEos(true)));
            assertThat(r.tokenIds()).hasSize(7);
            assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
            assertThat(r.sampling()).extracting(SamplingParams::temperature, SamplingParams::topP, SamplingParams::topK,
                    SamplingParams::repetitionPenalty).containsExactly(0.7, 0.8, 20, 1.05);
            SamplingParams greedy = g.generate(new GenerationRequest(Prompt.raw("Hello"), Sampling.argmax(),
                    Limits.maxTokens(2))).sampling();
            assertThat(greedy.isArgmax()).isTrue();
            assertThat(greedy.repetitionPenalty()).as("--greedy is plain argmax").isEqualTo(1.0);
        }
    }

    @Test
    void withoutAChatTemplateAChatPromptIsRefusedInOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path copy = copyOf(TinyModels.tiny(TensorDType.F32), dir);
        Files.writeString(copy.resolve("tokenizer_config.json"), "{\"eos_token\": \"<|im_end|>\"}");
        try (Generator g = Generators.open(copy.toString(),
                EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withContextLength(256))) {
            assertThatThrownBy(() -> g.generate(GenerationRequest.of(Prompt.chat(List.of(ChatMessage.user("hi"))))))
                    .isInstanceOf(PromptException.class)
                    .hasMessageStartingWith(copy.resolve("tokenizer_config.json").toString())
                    .hasMessageContaining("no chat_template")
                    .hasMessageNotContaining("\n");
            assertThat(g.generate(new GenerationRequest(Prompt.raw("hi"), Sampling.argmax(), Limits.maxTokens(2)))
                    .tokenIds()).isNotEmpty();
        }
    }

    @Test
    void aModelNameThatIsNothingKnownIsRefused() {
        assertThatThrownBy(() -> Generators.open("/no/such/folder", EngineOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/folder");
    }

    private static Path copyOf(Path model, Path dir) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(model.getFileName()));
        try (var files = Files.list(model)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".safetensors")) {
                    Files.createSymbolicLink(copy.resolve(f.getFileName()), f);
                } else {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }
}
