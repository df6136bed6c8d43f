package dev.qwenwb.inference.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.safetensors.SafetensorsFile;
import dev.qwenwb.inference.safetensors.SafetensorsWriter;
import dev.qwenwb.inference.safetensors.TensorData;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    @TempDir
    Path tmp;

    /** A model small enough to write per test: 1 layer, hidden 16, vocab 100. */
    private Path micro(boolean tied) throws IOException {
        ModelConfig c = new ModelConfig(ModelConfig.QWEN2, 16, 32, 1, 2, 1, 100, 128, 1e-6, 1e6, tied, null,
                List.of(99));
        return RandomModelWriter.write(tmp.resolve("micro"), c, TensorDType.BF16, 1, TinyModels.tokenizerDir());
    }

    private static AbstractThrowableAssert<?, ?> refused(Path dir, Path expectedFile) {
        return assertThatThrownBy(() -> ModelFolder.open(dir).close())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(expectedFile.toString());
    }

    /** Rewrites model.safetensors after letting {@code edit} change its tensors. */
    private static void editWeights(Path dir, Consumer<Map<String, TensorData>> edit) throws IOException {
        Path file = dir.resolve(ModelFolder.SAFETENSORS);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (String n : f.names()) {
                ByteBuffer copy = ByteBuffer.allocate(f.data(n).remaining()).put(f.data(n)).flip();
                tensors.put(n, new TensorData(f.info(n).dtype(), f.info(n).shape(), copy));
            }
        }
        edit.accept(tensors);
        SafetensorsWriter.write(file, tensors, Map.of());
    }

    @Test
    void opensTheTinyModel() {
        for (TensorDType dtype : TensorDType.values()) {
            Path dir = TinyModels.tiny(dtype);
            try (ModelFolder m = ModelFolder.open(dir)) {
                assertThat(m.config()).isEqualTo(ModelConfig.read(dir.resolve("config.json")));
                assertThat(m.config().hiddenSize()).isEqualTo(64);
                assertThat(m.weightsDType()).isEqualTo(dtype);
                assertThat(m.weightBytes()).isEqualTo(Qwen2Layout.parameterCount(m.config()) * dtype.byteSize());
                assertThat(m.weights().names()).containsAll(Qwen2Layout.expectedTensors(m.config()).keySet());
                assertThat(m.tokenizerJson()).isRegularFile();
                assertThat(m.tokenizerConfigJson()).isRegularFile();
                assertThat(m.generationConfig().eosTokenIds()).containsExactly(151_645, 151_643);
                assertThat(m.displayName()).isEqualTo(dir.getFileName().toString());
            }
        }
    }

    @Test
    void untiedModelWithLmHeadOpens() {
        try (ModelFolder m = ModelFolder.open(TinyModels.tiny(TensorDType.F32, false, 3))) {
            assertThat(m.config().tieWordEmbeddings()).isFalse();
            assertThat(m.weights().info("lm_head.weight").shape()).containsExactly(151_936, 64);
        }
    }

    @Test
    void missingOrNotAFolder() throws IOException {
        refused(tmp.resolve("nothing"), tmp.resolve("nothing")).hasMessageContaining("does not exist");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        refused(file, file).hasMessageContaining("not a folder");
    }

    @Test
    void missingConfig() throws IOException {
        Path dir = micro(true);
        Files.delete(dir.resolve("config.json"));
        refused(dir, dir.resolve("config.json")).hasMessageContaining("missing");
    }

    @Test
    void unknownArchitecture() throws IOException {
        Path dir = micro(true);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("Qwen2ForCausalLM", "LlamaForCausalLM"));
        refused(dir, config).hasMessageContaining("LlamaForCausalLM").hasMessageContaining("Qwen2ForCausalLM");
    }

    @Test
    void missingTokenizerFiles() throws IOException {
        Path dir = micro(true);
        Files.delete(dir.resolve("tokenizer_config.json"));
        refused(dir, dir.resolve("tokenizer_config.json")).hasMessageContaining("missing");
        Files.delete(dir.resolve("tokenizer.json"));
        refused(dir, dir.resolve("tokenizer.json")).hasMessageContaining("missing");
    }

    @Test
    void generationConfigIsOptional() throws IOException {
        Path dir = micro(true);
        Files.delete(dir.resolve("generation_config.json"));
        try (ModelFolder m = ModelFolder.open(dir)) {
            assertThat(m.generationConfig()).isEqualTo(GenerationConfig.defaults(m.config()));
        }
    }

    @Test
    void noWeightsListsWhatWasLookedForAndRefusesBinCheckpoints() throws IOException {
        Path dir = micro(true);
        Files.delete(dir.resolve("model.safetensors"));
        refused(dir, dir).hasMessageContaining("model.safetensors").hasMessageContaining("model.safetensors.index.json");
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");
        refused(dir, dir).hasMessageContaining("pytorch_model.bin").hasMessageContaining("not supported");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path dir = micro(true);
        editWeights(dir, t -> t.remove("model.layers.0.self_attn.k_proj.bias"));
        refused(dir, dir.resolve("model.safetensors"))
                .hasMessageContaining("missing tensor 'model.layers.0.self_attn.k_proj.bias'")
                .hasMessageContaining("[8]");
    }

    @Test
    void wrongShapeNamesTensorAndBothShapes() throws IOException {
        Path dir = micro(true);
        editWeights(dir, t -> t.put("model.norm.weight",
                TensorData.ofFloats(TensorDType.BF16, new long[] {17}, new float[17])));
        refused(dir, dir.resolve("model.safetensors"))
                .hasMessageContaining("'model.norm.weight'").hasMessageContaining("[17]")
                .hasMessageContaining("expected [16]");
    }

    @Test
    void untiedWithoutLmHeadIsRefused() throws IOException {
        Path dir = micro(true);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config)
                .replace("\"tie_word_embeddings\" : true", "\"tie_word_embeddings\" : false"));
        refused(dir, dir.resolve("model.safetensors"))
                .hasMessageContaining("'lm_head.weight'").hasMessageContaining("tie_word_embeddings=false");
    }

    @Test
    void extraTensorsAreTolerated() throws IOException {
        Path dir = micro(true);
        editWeights(dir, t -> t.put("model.layers.0.self_attn.rotary_emb.inv_freq",
                TensorData.ofFloats(TensorDType.F32, new long[] {4}, new float[] {1, 2, 3, 4})));
        try (ModelFolder m = ModelFolder.open(dir)) {
            assertThat(m.weightsDType()).isEqualTo(TensorDType.BF16);
            assertThat(m.weights().names()).contains("model.layers.0.self_attn.rotary_emb.inv_freq");
        }
    }

    @Test
    void truncatedWeights() throws IOException {
        Path dir = micro(true);
        Path file = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 100);
        }
        refused(dir, file).hasMessageContaining("truncated: expected at least");
    }

    @Test
    void corruptHeader() throws IOException {
        Path dir = micro(true);
        Path file = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("}}garbage".getBytes()), 8);
        }
        refused(dir, file).hasMessageContaining("not valid JSON");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        Path dir = micro(true);
        Path file = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE / 3), 0);
        }
        refused(dir, file).hasMessageContaining("header too large");
    }

    @Test
    void shardedWeightsOpenAndAMissingShardIsNamed() throws IOException {
        Path dir = micro(true);
        Path single = dir.resolve("model.safetensors");
        Map<String, TensorData> first = new LinkedHashMap<>();
        Map<String, TensorData> second = new LinkedHashMap<>();
        StringBuilder weightMap = new StringBuilder();
        try (SafetensorsFile f = SafetensorsFile.open(single)) {
            for (String n : f.names()) {
                boolean one = n.startsWith("model.embed");
                ByteBuffer copy = ByteBuffer.allocate(f.data(n).remaining()).put(f.data(n)).flip();
                (one ? first : second).put(n, new TensorData(f.info(n).dtype(), f.info(n).shape(), copy));
                weightMap.append(weightMap.length() == 0 ? "" : ",").append('"').append(n).append("\": \"model-0000")
                        .append(one ? 1 : 2).append("-of-00002.safetensors\"");
            }
        }
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first, Map.of());
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), second, Map.of());
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\": {" + weightMap + "}}");
        Files.delete(single);
        try (ModelFolder m = ModelFolder.open(dir)) {
            assertThat(m.weights().readF32("model.embed_tokens.weight")).hasSize(1600);
        }
        Path shard2 = dir.resolve("model-00002-of-00002.safetensors");
        Files.delete(shard2);
        refused(dir, shard2).hasMessageContaining("missing");
    }
}
