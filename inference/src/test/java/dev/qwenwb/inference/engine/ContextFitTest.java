package dev.qwenwb.inference.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qwenwb.inference.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextFitTest {

    /** Qwen2.5-0.5B's shape: 24 layers, 2 key/value heads of 64. */
    private static final ModelConfig QWEN_05B = new ModelConfig(ModelConfig.QWEN2, 896, 4864, 24, 14, 2, 151936,
            32768, 1e-6, 1_000_000, true, "bfloat16", List.of(151645));
    private static final long F16_TOKEN = 2L * 24 * 2 * 64 * 2;
    private static final long GIB = 1L << 30;

    @Test
    void keysAndValuesOfEveryLayer() {
        assertEquals(12_288, ContextFit.kvBytesPerToken(QWEN_05B, 2));
        assertEquals(24_576, ContextFit.kvBytesPerToken(QWEN_05B, 4));
    }

    @Test
    void theModelsOwnWhereHalfTheMemoryHoldsEveryCache() {
        // 4 × 32768 × 12 KiB = 1.5 GiB ≤ half of 4 GiB
        ContextFit fit = ContextFit.fit(32768, 4, F16_TOKEN, 4 * GIB, "RAM");
        assertEquals(32768, fit.context());
        assertFalse(fit.lowered());
        assertEquals("", fit.reason());
    }

    @Test
    void loweredToWhatHalfTheMemoryHoldsInStepsAndSaid() {
        // half of 2 GiB over 4 caches of 12 KiB a token = 21845 tokens → 21504
        ContextFit fit = ContextFit.fit(32768, 4, F16_TOKEN, 2 * GIB, "RAM");
        assertEquals(21 * 1024, fit.context());
        assertTrue(fit.lowered());
        assertTrue(fit.reason().startsWith("context lowered from the model's 32768 to 21504 tokens: 4 caches of 32768"),
                fit.reason());
        assertTrue(fit.reason().contains("of RAM available"), fit.reason());
        assertTrue(fit.reason().endsWith("--context N sets it, fewer --parallel take less"), fit.reason());
        assertFalse(fit.reason().contains("may not fit"), fit.reason());
    }

    @Test
    void neverBelowTheOrdinaryDefaultAndThenSaysItMayNotFit() {
        ContextFit fit = ContextFit.fit(32768, 1, F16_TOKEN, 64L << 20, "Vulkan0");
        assertEquals(EngineOptions.DEFAULT_CONTEXT, fit.context());
        assertTrue(fit.reason().contains("one cache of 32768"), fit.reason());
        assertTrue(fit.reason().contains("of Vulkan0 available"), fit.reason());
        assertTrue(fit.reason().contains("4096 tokens is the least it is lowered to, and may not fit"), fit.reason());
        assertFalse(fit.reason().contains("--parallel"), fit.reason());
        // a model whose own context is below the default is never lowered
        assertFalse(ContextFit.fit(2048, 8, F16_TOKEN, 1L << 20, "RAM").lowered());
    }

    @Test
    void unknownMemoryLowersNothing() {
        assertEquals(32768, ContextFit.fit(32768, 64, F16_TOKEN, -1, "RAM").context());
    }

    @Test
    void onlyTheModelsOwnContextIsFittedAndTheMemoryReadOnlyThen() {
        EngineOptions asked = EngineOptions.defaults().withContextLength(32768).withSequences(64);
        ContextFit fit = ContextFit.of(asked, 32768, F16_TOKEN, () -> {
            throw new AssertionError("memory read for a context that was asked for");
        }, "RAM");
        assertEquals(32768, fit.context());
        EngineOptions own = EngineOptions.defaults().withContextLength(EngineOptions.MODEL_CONTEXT).withSequences(64);
        assertEquals(4096, ContextFit.of(own, 32768, F16_TOKEN, () -> 1L << 20, "RAM").context());
    }

    @Test
    void sequencesAreChecked() {
        EngineOptions o = EngineOptions.defaults();
        assertEquals(1, o.sequences());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> o.withSequences(0));
        assertTrue(e.getMessage().contains("sequences must be in 1..256"), e.getMessage());
    }
}
