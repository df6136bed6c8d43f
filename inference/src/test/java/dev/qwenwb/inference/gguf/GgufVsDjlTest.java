package dev.qwenwb.inference.gguf;

import static dev.qwenwb.inference.testing.Logits.maxAbsDiff;
import static dev.qwenwb.inference.testing.Logits.spread;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import dev.qwenwb.inference.testing.TinyModels;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-check: the tiny random Qwen2 as a safetensors folder through the DJL engine and as an f32 GGUF of the
 * same weights through llama.cpp give the same tokenization, the same greedy tokens and close logits; the f16 and
 * q8_0 GGUFs stay close to them.
 */
@RequiresLlamaCpp
class GgufVsDjlTest {

    private static final EngineOptions OPTIONS = EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu"))
            .withContextLength(256).withThreads(1);
    private static DjlModel djl;
    private static GgufModel gguf;
    private static int[] prompt;

    @BeforeAll
    static void load() {
        djl = DjlModel.load(TinyModels.tiny(TensorDType.F32), OPTIONS);
        gguf = GgufModel.load(TinyGgufs.tiny(GgmlType.F32), OPTIONS);
        String text = djl.chatTemplate().orElseThrow().render(List.of(ChatMessage.user("写一个快速排序")), true);
        prompt = djl.tokenizer().encode(text);
    }

    @AfterAll
    static void close() {
        gguf.close();
        djl.close();
    }

    @Test
    void bothTokenizeAndRenderAlike() {
        for (String s : List.of("写一个快速排序", "Hello world", "def quicksort(xs):\n    return sorted(xs)  # 🤗\n",
                "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", "  multiple   spaces\t\ttabs\r\n")) {
            assertThat(gguf.tokenizer().encode(s)).as(s).containsExactly(djl.tokenizer().encode(s));
        }
        List<ChatMessage> chat = List.of(ChatMessage.system("You are terse."), ChatMessage.user("写一个快速排序"));
        assertThat(gguf.chatTemplate().orElseThrow().render(chat, true))
                .isEqualTo(djl.chatTemplate().orElseThrow().render(chat, true));
        var p = dev.qwenwb.inference.prompt.Prompt.chat(chat);
        assertThat(gguf.render(p).ids()).containsExactly(djl.render(p).ids());
        assertThat(gguf.render(p).text()).isEqualTo(djl.render(p).text());
    }

    @Test
    void theSameWeightsGiveTheSameGreedyTokensThroughBothEngines() {
        GenerationRequest req = GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 24, null, Set.of());
        GenerationResult a;
        GenerationResult b;
        try (EngineSession s = djl.newSession(); EngineSession g = gguf.newSession()) {
            a = s.generate(req);
            b = g.generate(req);
        }
        assertThat(b.tokenIds()).containsExactly(a.tokenIds());
        assertThat(b.text()).isEqualTo(a.text());
    }

    @Test
    void theSameSeedSamplesTheSameTokensThroughBothEngines() {
        GenerationRequest req = GgufRequests.of(prompt, SamplingParams.sampling(1.2, 0.95, 40, 11), 16, null,
                Set.of());
        try (EngineSession s = djl.newSession(); EngineSession g = gguf.newSession()) {
            assertThat(g.generate(req).tokenIds()).containsExactly(s.generate(req).tokenIds());
        }
    }

    @Test
    void logitsAreCloseForF32AndStayNearForF16AndQ8() {
        float[] reference = djl.logits(prompt);
        assertThat(maxAbsDiff(gguf.logits(prompt), reference)).isLessThan(1e-3f * spread(reference));
        try (GgufModel f16 = GgufModel.load(TinyGgufs.tiny(GgmlType.F16), OPTIONS);
             GgufModel q8 = GgufModel.load(TinyGgufs.tiny(GgmlType.Q8_0), OPTIONS)) {
            assertThat(f16.details().fileType()).isEqualTo("f16");
            assertThat(q8.details().fileType()).isEqualTo("q8_0");
            assertThat(q8.info().weightBytes()).isLessThan(f16.info().weightBytes());
            assertThat(maxAbsDiff(f16.logits(prompt), reference)).isLessThan(0.02f * spread(reference));
            assertThat(maxAbsDiff(q8.logits(prompt), reference)).isLessThan(0.05f * spread(reference));
        }
    }
}
