package dev.qwenwb.inference.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSafetensorsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void writeShards() throws IOException {
        SafetensorsWriter.write(tmp.resolve("model-00001-of-00002.safetensors"), Map.of(
                "a", TensorData.ofFloats(TensorDType.F32, new long[] {2}, new float[] {1, 2})), Map.of());
        SafetensorsWriter.write(tmp.resolve("model-00002-of-00002.safetensors"), Map.of(
                "b", TensorData.ofFloats(TensorDType.BF16, new long[] {1, 3}, new float[] {3, 4, 5})), Map.of());
    }

    private Path index(String weightMap) throws IOException {
        return Files.writeString(tmp.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 14}, \"weight_map\": " + weightMap + "}");
    }

    @Test
    void readsTensorsFromTheirShards() throws IOException {
        Path index = index("{\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}");
        try (ShardedSafetensors s = ShardedSafetensors.open(index)) {
            assertThat(s.names()).containsExactly("a", "b");
            assertThat(s.readF32("a")).containsExactly(1f, 2f);
            assertThat(s.readF32("b")).containsExactly(3f, 4f, 5f);
            assertThat(s.info("b").dtype()).isEqualTo(TensorDType.BF16);
            assertThat(s.shardFiles()).hasSize(2);
            assertThatThrownBy(() -> s.info("c")).isInstanceOf(SafetensorsException.class)
                    .hasMessageStartingWith(index.toString()).hasMessageContaining("'c'");
        }
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Path index = index("{\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00003-of-00003.safetensors\"}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageStartingWith(tmp.resolve("model-00003-of-00003.safetensors").toString())
                .hasMessageContaining("missing").hasMessageContaining("'b'");
    }

    @Test
    void tensorAbsentFromItsShard() throws IOException {
        Path index = index("{\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00001-of-00002.safetensors\"}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index))
                .isInstanceOf(SafetensorsException.class)
                .hasMessageContaining("model-00001-of-00002.safetensors").hasMessageContaining("'b'");
    }

    @Test
    void indexWithoutWeightMap() throws IOException {
        Path index = Files.writeString(tmp.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
        assertThatThrownBy(() -> ShardedSafetensors.open(index))
                .isInstanceOf(SafetensorsException.class).hasMessageContaining("weight_map");
    }
}
