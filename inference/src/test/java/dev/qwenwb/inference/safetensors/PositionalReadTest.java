package dev.qwenwb.inference.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's positional reads give the same bytes as the memory map, in any slice, and refuse out-of-range. */
class PositionalReadTest {

    @TempDir
    Path dir;

    @Test
    void aSliceReadFromTheFileEqualsTheSameSliceOfTheMap() throws IOException {
        float[] a = new float[1000];
        float[] b = new float[10];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 0.5f - 3;
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", TensorData.ofFloats(TensorDType.BF16, new long[] {10, 100}, a));
        tensors.put("b", TensorData.ofFloats(TensorDType.F32, new long[] {10}, b));
        Path file = dir.resolve("m.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            ByteBuffer read = ByteBuffer.allocateDirect(600);
            f.read("a", 400, read);
            read.flip();
            ByteBuffer mapped = f.data("a").position(400).limit(1000);
            assertThat(read).isEqualTo(mapped);
            assertThatThrownBy(() -> f.read("a", 1900, ByteBuffer.allocate(200)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside tensor 'a'");
        }
    }
}
