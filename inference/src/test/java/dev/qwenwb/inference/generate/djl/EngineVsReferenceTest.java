package dev.qwenwb.inference.generate.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.engine.KvCache;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.ReferenceQwen2;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DJL engine against the plain-Java reference forward pass on the tiny random Qwen2. */
class EngineVsReferenceTest {

    private static final int[] IDS = {9707, 1879, 11, 151644, 872, 198, 100644, 104169, 99, 30, 8, 151645, 1000};

    private static DjlModel model;
    private static ReferenceQwen2 reference;

    @BeforeAll
    static void load() {
        Path dir = TinyModels.tiny(TensorDType.F32);
        model = DjlModel.load(dir, EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.F32));
        try (ModelFolder folder = ModelFolder.open(dir)) {
            reference = new ReferenceQwen2(folder.weights(), folder.config());
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void logitsAgreeAtEveryPosition() {
        float[] all = model.logitsAllPositions(IDS);
        float[][] expected = reference.logits(IDS);
        int vocab = expected[0].length;
        assertThat(all).hasSize(IDS.length * vocab);
        for (int p = 0; p < IDS.length; p++) {
            assertClose(Arrays.copyOfRange(all, p * vocab, (p + 1) * vocab), expected[p], 1e-4, "position " + p);
        }
    }

    @Test
    void logitsWithTheKvCacheAgreeTokenByToken() {
        float[][] expected = reference.logits(IDS);
        model.onModelThread(() -> {
            try (KvCache cache = model.model().newCache(64)) {
                float[] first = model.model().forward(Arrays.copyOf(IDS, 5), cache, false);
                assertClose(first, expected[4], 1e-4, "prefill of 5");
                for (int p = 5; p < IDS.length; p++) {
                    float[] step = model.model().forward(new int[] {IDS[p]}, cache, false);
                    assertClose(step, expected[p], 1e-4, "decode position " + p);
                }
                assertThat(cache.length()).isEqualTo(IDS.length);
            }
            return null;
        });
    }

    @Test
    void greedyGenerationIsTheReferencesGreedyContinuation() {
        int[] prompt = Arrays.copyOf(IDS, 6);
        int[] expected = reference.greedy(prompt, 16);
        try (EngineSession s = model.newSession()) {
            GenerationResult r = s.generate(greedy(prompt, 16));
            assertThat(r.tokenIds()).containsExactly(expected);
            assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TensorDType.class, names = {"BF16", "F16"})
    void halfPrecisionCheckpointsLoadToTheSameValues(TensorDType dtype) {
        Path dir = TinyModels.tiny(dtype);
        ReferenceQwen2 ref;
        try (ModelFolder folder = ModelFolder.open(dir)) {
            ref = new ReferenceQwen2(folder.weights(), folder.config());
        }
        try (DjlModel m = DjlModel.load(dir, EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"))
                .withDtype(ComputeDType.F32))) {
            float[][] expected = ref.logits(IDS);
            float[] last = m.logits(IDS);
            assertClose(last, expected[IDS.length - 1], 1e-4, dtype + " checkpoint");
        }
    }

    @Test
    void anUntiedLmHeadIsUsed() {
        Path dir = TinyModels.tiny(TensorDType.F32, false, 7);
        ReferenceQwen2 ref;
        try (ModelFolder folder = ModelFolder.open(dir)) {
            assertThat(folder.weights().names()).contains("lm_head.weight");
            ref = new ReferenceQwen2(folder.weights(), folder.config());
        }
        try (DjlModel m = DjlModel.load(dir, EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"))
                .withDtype(ComputeDType.F32))) {
            assertClose(m.logits(IDS), ref.logits(IDS)[IDS.length - 1], 1e-4, "untied");
        }
    }

    @Test
    void f16WeightsStayCloseAndGreedyMatchesTheReference() {
        Path dir = TinyModels.tiny(TensorDType.F32);
        int[] prompt = Arrays.copyOf(IDS, 6);
        try (DjlModel m = DjlModel.load(dir, EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"))
                .withDtype(ComputeDType.F16)); EngineSession s = m.newSession()) {
            assertThat(m.dtype()).isEqualTo(ComputeDType.F16);
            assertThat(m.info().dtype()).isEqualTo("f16");
            assertClose(m.logits(IDS), reference.logits(IDS)[IDS.length - 1], 0.05, "f16 weights");
            GenerationResult r = s.generate(greedy(prompt, 16));
            assertThat(r.tokenIds()).containsExactly(reference.greedy(prompt, 16));
        }
    }

    @Test
    void aLongPromptOnF16WeightsIsPrefilledWithWidenedWeightsAndStillAgrees() {
        int[] prompt = new int[24];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = IDS[i % IDS.length] + i;
        }
        float[][] expected = reference.logits(prompt);
        try (DjlModel m = DjlModel.load(TinyModels.tiny(TensorDType.F32), EngineOptions.defaults()
                .withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.F16)); EngineSession s = m.newSession()) {
            float[] all = m.logitsAllPositions(prompt);
            int vocab = expected[0].length;
            for (int p = 0; p < prompt.length; p += 7) {
                assertClose(Arrays.copyOfRange(all, p * vocab, (p + 1) * vocab), expected[p], 0.05, "position " + p);
            }
            GenerationResult r = s.generate(greedy(prompt, 8));
            assertThat(r.tokenIds()).containsExactly(reference.greedy(prompt, 8));
        }
    }

    @Test
    void bf16IsRefusedOnTheCpuWithAReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DjlModel.load(TinyModels.tiny(TensorDType.F32),
                        EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.BF16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bf16").hasMessageContaining("CUDA");
    }

    static void assertClose(float[] actual, float[] expected, double tol, String what) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertThat(worst).as(what + ": worst |Δ| at id " + at).isLessThanOrEqualTo(tol);
    }

    /** Greedy, exactly {@code n} tokens, no end-of-sequence stop: what the reference computes. */
    static GenerationRequest greedy(int[] prompt, int n) {
        return new GenerationRequest(Prompt.tokens(prompt), Sampling.argmax(), Limits.maxTokens(n).withIgnoreEos(true));
    }
}
