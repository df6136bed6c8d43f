package dev.qwenwb.inference.generate.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import dev.qwenwb.inference.util.ProcessMemory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leak guard, not a benchmark: every decode step runs in its own NDArray scope, so the memory outside the Java
 * heap must not grow with the number of tokens. Leaking one step's arrays would add ~1 MB per token here; the
 * first generation of a JVM also grows native memory (JIT code, compiler arenas, allocator pools), so the
 * measured generation is the second one.
 */
class NativeMemoryTest {

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryTest.class);

    @Test
    void nativeMemoryStaysFlatOverTwoThousandTokens() {
        try (DjlModel model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")));
             EngineSession session = model.newSession()) {
            GenerationRequest request = EngineVsReferenceTest.greedy(new int[] {9707, 1879}, 2000);
            session.generate(request); // warm-up
            session.reset();
            long[] nativeMb = new long[2];
            GenerationResult r = session.generate(request, new GenerationListener() {
                private int n;

                @Override
                public void onToken(int tokenId, String textDelta, LiveStats live) {
                    n++;
                    if (n == 200) {
                        nativeMb[0] = nativeMb();
                    } else if (n == 2000) {
                        nativeMb[1] = nativeMb();
                    }
                }
            }).await();
            assertThat(r.tokenIds()).hasSize(2000);
            LOG.info("native memory (RSS - committed heap) at token 200: {} MB, at token 2000: {} MB",
                    nativeMb[0], nativeMb[1]);
            assertThat(nativeMb[1] - nativeMb[0]).as("native growth over 1,800 tokens, MB").isLessThan(64);
        }
    }

    private static long nativeMb() {
        System.gc();
        return ProcessMemory.rssMb() - Runtime.getRuntime().totalMemory() / (1024 * 1024);
    }
}
