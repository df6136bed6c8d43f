package dev.qwenwb.inference.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path tmp;

    private static final float[] VALUES = {0f, 1f, -1.5f, 3.1415927f, 1e-3f, -65504f, 123.456f, 7e-8f, 0.1f, -0.2f,
        42f, 1e4f};

    private Path writeAll() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("b.f32", TensorData.ofFloats(TensorDType.F32, new long[] {3, 4}, VALUES));
        tensors.put("a.bf16", TensorData.ofFloats(TensorDType.BF16, new long[] {12}, VALUES));
        tensors.put("c.f16", TensorData.ofFloats(TensorDType.F16, new long[] {2, 2, 3}, VALUES));
        tensors.put("odd", TensorData.ofFloats(TensorDType.BF16, new long[] {3}, new float[] {1, 2, 3}));
        tensors.put("scalar", TensorData.ofFloats(TensorDType.F32, new long[] {}, new float[] {5f}));
        Path file = tmp.resolve("t.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        return file;
    }

    @Test
    void f32RoundTripsExactly() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(writeAll())) {
            assertThat(f.readF32("b.f32")).containsExactly(VALUES);
            assertThat(f.info("b.f32").shape()).containsExactly(3, 4);
            assertThat(f.info("b.f32").elementCount()).isEqualTo(12);
            assertThat(f.readF32("scalar")).containsExactly(5f);
            assertThat(f.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void halfPrecisionRoundTripsWithinItsPrecision() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(writeAll())) {
            float[] bf = f.readF32("a.bf16");
            float[] h = f.readF32("c.f16");
            for (int i = 0; i < VALUES.length; i++) {
                assertThat(bf[i]).isEqualTo(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(VALUES[i])));
                assertThat(Math.abs(bf[i] - VALUES[i])).isLessThanOrEqualTo(Math.abs(VALUES[i]) * 0x1p-8f);
                assertThat(h[i]).isEqualTo(HalfFloats.f16ToFloat(HalfFloats.floatToF16(VALUES[i])));
            }
            assertThat(h[5]).isEqualTo(-65504f);
            assertThat(f.readF32("odd")).containsExactly(1f, 2f, 3f);
        }
    }

    @Test
    void layoutFollowsInsertionOrderWithAnAlignedHeader() throws IOException {
        Path file = writeAll();
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = head.getLong(0);
        assertThat(headerLen % 8).isZero();
        assertThat(Files.size(file)).isEqualTo(8 + headerLen + 48 + 24 + 24 + 6 + 4);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.names()).containsExactly("b.f32", "a.bf16", "c.f16", "odd", "scalar");
            assertThat(f.info("a.bf16").dataStart()).isEqualTo(48);
            assertThat(f.info("c.f16").dataStart()).isEqualTo(72);
            assertThat(f.info("c.f16").dtype()).isEqualTo(TensorDType.F16);
        }
        assertThat(Files.exists(tmp.resolve("t.safetensors.tmp"))).as("temp file moved away").isFalse();
    }

    @Test
    void dataIsAReadOnlyLittleEndianViewOfTheTensor() throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(writeAll())) {
            ByteBuffer b = f.data("b.f32");
            assertThat(b.isReadOnly()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.remaining()).isEqualTo(48);
            assertThat(b.getFloat(3 * 4)).isEqualTo(3.1415927f);
            ByteBuffer s = f.data("a.bf16");
            assertThat(s.getShort(4)).isEqualTo(HalfFloats.floatToBf16(-1.5f));
        }
    }

    @Test
    void absentTensorIsNamedInTheError() throws IOException {
        Path file = writeAll();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> f.info("nope"))
                    .isInstanceOf(SafetensorsException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("'nope'");
        }
    }

    @Test
    void rewritingReplacesTheFile() throws IOException {
        Path file = writeAll();
        SafetensorsWriter.write(file, Map.of("x", TensorData.ofFloats(TensorDType.F32, new long[] {1},
                new float[] {9f})), Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.names()).containsExactly("x");
            assertThat(f.metadata()).isEmpty();
        }
    }

    @Test
    void fillerWritingTheWrongByteCountLeavesNoFile() {
        Path file = tmp.resolve("bad.safetensors");
        var specs = Map.of("x", new SafetensorsWriter.TensorSpec(TensorDType.F32, new long[] {4}));
        assertThatThrownBy(() -> SafetensorsWriter.write(file, specs, Map.of(),
                (name, spec, out) -> out.write(ByteBuffer.allocate(3))))
                .isInstanceOf(IOException.class).hasMessageContaining("'x'");
        assertThat(List.of(file, tmp.resolve("bad.safetensors.tmp"))).noneMatch(Files::exists);
    }
}
