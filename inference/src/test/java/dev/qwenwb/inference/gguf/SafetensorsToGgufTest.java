package dev.qwenwb.inference.gguf;

import static dev.qwenwb.inference.testing.Logits.maxAbsDiff;
import static dev.qwenwb.inference.testing.Logits.spread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter against the DJL engine on the same folder: an f32 GGUF gives the very same greedy tokens through
 * llama.cpp (tied and untied, a BF16 checkpoint too; the tiny model has 4 heads over 2 KV heads), q8_0 stays within
 * the cross-check's tolerance; the metadata is what llama.cpp's converter writes; bad folders, a full disk and a
 * cancel leave nothing under the final name.
 */
class SafetensorsToGgufTest {

    private static final EngineOptions OPTIONS = EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"))
            .withContextLength(256).withThreads(1);

    @TempDir
    Path dir;

    @Test
    @RequiresLlamaCpp
    void anF32GgufGivesTheDjlEnginesGreedyTokensTiedAndUntied() throws IOException {
        for (Path folder : List.of(TinyModels.tiny(TensorDType.F32), TinyModels.tiny(TensorDType.BF16, false, 7))) {
            Path out = convert(folder, GgufOutputType.F32).file();
            try (DjlModel djl = DjlModel.load(folder, OPTIONS); GgufModel gguf = GgufModel.load(out, OPTIONS)) {
                int[] prompt = djl.tokenizer().encode(djl.chatTemplate().orElseThrow()
                        .render(List.of(ChatMessage.user("写一个快速排序")), true));
                assertThat(gguf.tokenizer().encode("def f(x):\n    return x  # 🤗"))
                        .containsExactly(djl.tokenizer().encode("def f(x):\n    return x  # 🤗"));
                GenerationRequest req = GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 24, null, Set.of());
                try (EngineSession s = djl.newSession(); EngineSession g = gguf.newSession()) {
                    assertThat(g.generate(req).tokenIds()).as(folder.toString())
                            .containsExactly(s.generate(req).tokenIds());
                }
                assertThat(gguf.details().fileType()).isEqualTo("f32");
                // llama.cpp's end-of-generation set from the token types: <|im_end|> (eos), <|endoftext|>
                assertThat(gguf.defaults().eosTokenIds()).contains(151_645, 151_643);
            }
        }
    }

    @Test
    @RequiresLlamaCpp
    void q8IsQuantizedByLlamaCppAndStaysCloseToTheDjlEngine() throws IOException {
        Path folder = TinyModels.tiny(TensorDType.BF16, false, 7);
        SafetensorsToGguf.Result q8 = convert(folder, GgufOutputType.Q8_0);
        try (DjlModel djl = DjlModel.load(folder, OPTIONS); GgufModel gguf = GgufModel.load(q8.file(), OPTIONS)) {
            int[] prompt = djl.tokenizer().encode("写一个快速排序");
            float[] reference = djl.logits(prompt);
            assertThat(maxAbsDiff(gguf.logits(prompt), reference)).isLessThan(0.05f * spread(reference));
            assertThat(gguf.details().fileType()).isEqualTo("q8_0");
        }
        GgufFile g = GgufFile.read(q8.file());
        assertThat(g.tensor("output.weight").orElseThrow().type()).isEqualTo(GgmlType.Q8_0);
        assertThat(g.tensor("blk.1.attn_k.bias").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(siblings()).containsExactly(q8.file()); // the f32 intermediate is gone
    }

    @Test
    @RequiresLlamaCpp
    void q4KmIsWrittenAndLoads() throws IOException {
        SafetensorsToGguf.Result q4 = convert(TinyModels.tiny(TensorDType.F32), GgufOutputType.Q4_K_M);
        assertThat(q4.file().getFileName().toString()).endsWith("-q4_K_M.gguf");
        assertThat(GgufFile.read(q4.file()).integer("general.file_type")).isEqualTo(15);
        try (GgufModel m = GgufModel.load(q4.file(), OPTIONS)) {
            assertThat(m.details().fileType()).isEqualTo("q4_k_m");
        }
    }

    @Test
    void theMetadataIsWhatLlamaCppsConverterWrites() throws IOException {
        Path folder = copyOf(TinyModels.tiny(TensorDType.F32), "qwen"); // with Qwen2.5's bos_token_id in config.json
        Files.writeString(folder.resolve("config.json"), Files.readString(folder.resolve("config.json"))
                .replaceFirst("\\{", "{\"bos_token_id\": 151643, "));
        Path out = convert(folder, GgufOutputType.F16).file();
        GgufFile g = GgufFile.read(out);
        Qwen2Gguf q = Qwen2Gguf.check(g);
        assertThat(g.string("general.architecture")).contains("qwen2");
        assertThat(g.integer("general.file_type")).isEqualTo(1);
        assertThat(g.integer("general.quantization_version")).isEqualTo(2);
        assertThat(g.integer("qwen2.attention.head_count")).isEqualTo(4);
        assertThat(g.integer("qwen2.attention.head_count_kv")).isEqualTo(2);
        assertThat(g.string("tokenizer.ggml.model")).contains("gpt2");
        assertThat(g.string("tokenizer.ggml.pre")).contains("qwen2");
        assertThat(g.integer("tokenizer.ggml.eos_token_id")).isEqualTo(151_645); // <|im_end|>
        assertThat(g.integer("tokenizer.ggml.padding_token_id")).isEqualTo(151_643);
        assertThat(g.integer("tokenizer.ggml.bos_token_id")).isEqualTo(151_643); // from config.json
        assertThat(g.metadata().get("tokenizer.ggml.add_bos_token")).isEqualTo(false);
        assertThat(q.chatTemplate()).hasValueSatisfying(t -> assertThat(t).contains("<|im_start|>"));
        int[] types = g.array("tokenizer.ggml.token_type").orElseThrow().ints();
        assertThat(types).hasSize(151_936);
        assertThat(types[9707]).isEqualTo(HfVocab.NORMAL); // "Hello"
        assertThat(types[151_645]).isEqualTo(HfVocab.CONTROL);
        assertThat(types[151_659]).isEqualTo(HfVocab.CONTROL); // <|fim_prefix|>: not special, but <|…|>
        assertThat(types[151_657]).isEqualTo(HfVocab.USER_DEFINED); // <tool_call>
        assertThat(types[151_665]).isEqualTo(HfVocab.UNUSED); // [PAD151665]
        assertThat(g.array("tokenizer.ggml.merges").orElseThrow().length()).isEqualTo(151_387);
        assertThat(g.tensor("token_embd.weight").orElseThrow().type()).isEqualTo(GgmlType.F16);
        assertThat(g.tensor("blk.0.attn_q.weight").orElseThrow().type()).isEqualTo(GgmlType.F16);
        assertThat(g.tensor("blk.0.attn_q.bias").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(g.tensor("blk.0.attn_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
        assertThat(g.tensor("output.weight")).isEmpty(); // tied
        assertThat(g.tensor("blk.0.attn_k.weight").orElseThrow().dims()).containsExactly(64, 32);
    }

    @Test
    void namedChatTemplatesAreWrittenAsGgufPyWritesThem() throws IOException {
        Path folder = copyOf(TinyModels.tiny(TensorDType.F32), "templates");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                folder.resolve("tokenizer_config.json").toFile());
        var list = config.putArray("chat_template");
        list.addObject().put("name", "default").put("template", "{{ messages }}");
        list.addObject().put("name", "tool use").put("template", "{{ tools }}");
        json.writeValue(folder.resolve("tokenizer_config.json").toFile(), config);
        GgufFile g = GgufFile.read(convert(folder, GgufOutputType.F16).file());
        assertThat(g.string("tokenizer.chat_template")).contains("{{ messages }}");
        assertThat(g.string("tokenizer.chat_template.tool_use")).contains("{{ tools }}");
        assertThat(g.array("tokenizer.chat_templates").orElseThrow().strings()).containsExactly("tool_use");
    }

    @Test
    void aFolderThatIsNotAQwen2CheckpointIsOneLineAndWritesNothing() throws IOException {
        Path llama = copyOf(TinyModels.tiny(TensorDType.F32), "llama");
        Files.writeString(llama.resolve("config.json"), Files.readString(llama.resolve("config.json"))
                .replace("Qwen2ForCausalLM", "LlamaForCausalLM"));
        Path spm = copyOf(TinyModels.tiny(TensorDType.F32), "spm");
        Files.writeString(spm.resolve("tokenizer.json"), Files.readString(spm.resolve("tokenizer.json"))
                .replace("\"type\": \"BPE\"", "\"type\": \"Unigram\"").replace("\"type\":\"BPE\"", "\"type\":\"Unigram\""));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("model.gguf"), "not a folder");
        Path out = dir.resolve("out.gguf");
        assertThat(fails(llama, out)).contains("config.json").contains("LlamaForCausalLM");
        assertThat(fails(spm, out)).contains("tokenizer.json").contains("not a byte-level BPE");
        assertThat(fails(empty, out)).contains("config.json: missing");
        assertThat(fails(file, out)).contains("not a folder");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDiskWithoutRoomIsSaidFirstAndNothingIsWritten() {
        Path out = dir.resolve("tiny-f32.gguf");
        IOException e = catchThrowableOfType(() -> new SafetensorsToGguf(TinyModels.tiny(TensorDType.F32),
                GgufOutputType.F32).withFreeSpace(p -> 1_000_000).convert(out, SafetensorsToGguf.Listener.NONE,
                () -> false), IOException.class);
        assertThat(e.getMessage()).startsWith("not enough free space in " + dir).contains("1.0 MB free")
                .doesNotContain("\n");
        assertThat(siblings()).isEmpty();
    }

    @Test
    void aCancelMidwayLeavesNoFileAndNoTempFile() {
        Path out = dir.resolve("tiny-f32.gguf");
        List<SafetensorsToGguf.Progress> seen = new ArrayList<>();
        CancellationException e = catchThrowableOfType(() -> new SafetensorsToGguf(TinyModels.tiny(TensorDType.F32),
                GgufOutputType.F32).convert(out, seen::add, () -> seen.size() >= 2), CancellationException.class);
        assertThat(e).hasMessageContaining("cancelled");
        assertThat(seen.get(1).done()).isGreaterThan(0).isLessThan(seen.get(1).total());
        assertThat(siblings()).isEmpty();
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenTheNewOneIsComplete() throws IOException {
        Path out = Files.writeString(dir.resolve("tiny-f32.gguf"), "the old file");
        catchThrowableOfType(() -> new SafetensorsToGguf(TinyModels.tiny(TensorDType.F32), GgufOutputType.F32)
                .convert(out, SafetensorsToGguf.Listener.NONE, () -> true), CancellationException.class);
        assertThat(out).hasContent("the old file");
        List<SafetensorsToGguf.Progress> seen = new ArrayList<>();
        new SafetensorsToGguf(TinyModels.tiny(TensorDType.F32), GgufOutputType.F32).convert(out, seen::add, () -> false);
        assertThat(GgufFile.read(out).integer("general.file_type")).isEqualTo(0);
        assertThat(seen.get(seen.size() - 1).fraction()).isEqualTo(1.0);
    }

    @Test
    void theDefaultNameIsTheModelsAndTheType() {
        assertThat(SafetensorsToGguf.defaultFileName(Path.of("/c/models--Qwen--Qwen2.5-0.5B-Instruct/snapshots/abc"),
                GgufOutputType.Q4_K_M)).isEqualTo("Qwen2.5-0.5B-Instruct-q4_K_M.gguf");
        assertThat(SafetensorsToGguf.defaultFileName(Path.of("/m/my-model"), GgufOutputType.F16))
                .isEqualTo("my-model-f16.gguf");
    }

    private SafetensorsToGguf.Result convert(Path folder, GgufOutputType type) throws IOException {
        Path out = dir.resolve(folder.getFileName() + "-" + type.label() + ".gguf");
        return new SafetensorsToGguf(folder, type).convert(out, SafetensorsToGguf.Listener.NONE, () -> false);
    }

    private String fails(Path folder, Path out) {
        ModelLoadException e = catchThrowableOfType(() -> new SafetensorsToGguf(folder, GgufOutputType.F16)
                .convert(out, SafetensorsToGguf.Listener.NONE, () -> false), ModelLoadException.class);
        assertThat(e).as(folder.toString()).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    private List<Path> siblings() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path copyOf(Path folder, String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
