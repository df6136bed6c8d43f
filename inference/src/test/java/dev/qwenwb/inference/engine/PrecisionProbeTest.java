package dev.qwenwb.inference.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The automatic precision: measured on the model's own shape, said in words, remembered for the next load. Which
 * precision wins is this machine's business (a benchmark shows it), so the test asserts the decision is made and
 * kept, not what it is.
 */
class PrecisionProbeTest {

    @Test
    void autoMeasuresOnceSaysWhyAndRemembers() throws Exception {
        Files.deleteIfExists(PrecisionProbe.cacheFile());
        EngineOptions auto = EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
        String first;
        try (DjlModel m = DjlModel.load(TinyModels.tiny(TensorDType.F32), auto)) {
            first = m.info().dtypeReason();
            assertThat(m.dtype()).isIn(ComputeDType.F16, ComputeDType.F32);
            assertThat(m.info().dtype()).isEqualTo(m.dtype().label());
            assertThat(first).startsWith("measured: decode-shaped 256×64 product f16 ")
                    .contains("→ " + m.dtype().label() + " weights");
        }
        try (DjlModel again = DjlModel.load(TinyModels.tiny(TensorDType.F32), auto)) {
            if (first.endsWith("measured again at the next load)")) { // too close, or the machine was busy
                assertThat(PrecisionProbe.cacheFile()).doesNotExist();
                assertThat(again.info().dtypeReason()).startsWith("measured: ");
            } else {
                assertThat(PrecisionProbe.cacheFile()).exists();
                assertThat(again.info().dtypeReason()).isEqualTo(first + " (remembered from an earlier probe on this "
                        + "machine)");
            }
        }
        try (DjlModel asked = DjlModel.load(TinyModels.tiny(TensorDType.F32), auto.withDtype(ComputeDType.F32))) {
            assertThat(asked.info().dtypeReason()).isEqualTo("as asked: f32");
        }
    }
}
