package dev.qwenwb.inference.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.safetensors.SafetensorsFile;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomModelWriterTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        ModelConfig c = RandomModelWriter.tinyConfig();
        Path a = RandomModelWriter.write(tmp.resolve("a"), c, TensorDType.BF16, 42, TinyModels.tokenizerDir());
        Path b = RandomModelWriter.write(tmp.resolve("b"), c, TensorDType.BF16, 43, TinyModels.tokenizerDir());
        Path cached = TinyModels.tiny(TensorDType.BF16);
        assertThat(Files.mismatch(a.resolve("model.safetensors"), cached.resolve("model.safetensors"))).isEqualTo(-1);
        assertThat(Files.mismatch(a.resolve("model.safetensors"), b.resolve("model.safetensors"))).isNotEqualTo(-1);
        assertThat(Files.readString(a.resolve("config.json"))).contains("\"torch_dtype\" : \"bfloat16\"");
    }

    @Test
    void valuesAreNonTrivial() {
        try (SafetensorsFile f = SafetensorsFile.open(TinyModels.tiny(TensorDType.F32).resolve("model.safetensors"))) {
            assertThat(f.metadata()).containsEntry("format", "pt");
            float[] norm = f.readF32("model.layers.0.input_layernorm.weight");
            for (float v : norm) {
                assertThat(v).isBetween(0.9f, 1.1f);
            }
            assertThat(stats(norm)[1]).as("norm weights are not all 1").isGreaterThan(0.01);
            float[] bias = f.readF32("model.layers.1.self_attn.q_proj.bias");
            for (float v : bias) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(0.1f);
            }
            assertThat(stats(bias)[1]).isGreaterThan(0.02);
            double[] embed = stats(f.readF32("model.embed_tokens.weight"));
            assertThat(embed[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(embed[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
            double[] q = stats(f.readF32("model.layers.0.self_attn.q_proj.weight"));
            assertThat(q[1]).isCloseTo(1 / 8.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(Arrays.equals(f.readF32("model.layers.0.mlp.up_proj.weight"),
                    f.readF32("model.layers.1.mlp.up_proj.weight"))).as("layers differ").isFalse();
        }
    }

    @Test
    void dtypesHoldTheSameValuesUpToRounding() {
        try (SafetensorsFile f32 = SafetensorsFile.open(TinyModels.tiny(TensorDType.F32).resolve("model.safetensors"));
                SafetensorsFile bf16 = SafetensorsFile.open(TinyModels.tiny(TensorDType.BF16).resolve("model.safetensors"))) {
            String name = "model.layers.1.mlp.down_proj.weight";
            float[] exact = f32.readF32(name);
            float[] rounded = bf16.readF32(name);
            for (int i = 0; i < exact.length; i++) {
                assertThat(Math.abs(rounded[i] - exact[i])).isLessThanOrEqualTo(Math.abs(exact[i]) * 0x1p-8f);
            }
        }
    }

    /** @return mean and standard deviation */
    private static double[] stats(float[] v) {
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        return new double[] {mean, Math.sqrt(sq / v.length - mean * mean)};
    }
}
