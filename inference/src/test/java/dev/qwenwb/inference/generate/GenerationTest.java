package dev.qwenwb.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming, stop conditions, cancellation, sampling determinism and cache reuse on the tiny model. */
class GenerationTest {

    private static LocalModel model;
    private static int[] prompt;

    @BeforeAll
    static void load() {
        model = LocalModel.load(TinyModels.tiny(TensorDType.F32),
                EngineOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.F32)
                        .withContextLength(256));
        String text = model.chatTemplate().orElseThrow().render(List.of(ChatMessage.user("写一个快速排序")), true);
        prompt = model.tokenizer().encode(text);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** {@code max} tokens at most, no end-of-sequence ids but {@code eos}. */
    private static GenerationRequest request(Sampling p, int max, List<String> stops, Set<Integer> eos) {
        return new GenerationRequest(Prompt.tokens(prompt), p,
                new Limits(max, stops, eos, true));
    }

    private static GenerationResult run(Sampling p, int max, List<String> stops, Set<Integer> eos) {
        try (ChatSession s = model.newSession()) {
            return s.generate(request(p, max, stops, eos));
        }
    }

    @Test
    void streamedDeltasAddUpToTheTextAndEveryTokenIsHeard() {
        List<Integer> ids = new ArrayList<>();
        List<LiveStats> lives = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        int[] prefill = new int[2];
        GenerationResult r;
        try (ChatSession s = model.newSession()) {
            r = s.generate(request(Sampling.argmax(), 24, null, Set.of()),
                    new GenerationListener() {
                        @Override
                        public void onPrefill(int promptTokens, int newTokens) {
                            prefill[0] = promptTokens;
                            prefill[1] = newTokens;
                        }

                        @Override
                        public void onToken(int tokenId, String textDelta, LiveStats live) {
                            ids.add(tokenId);
                            streamed.append(textDelta);
                            lives.add(live);
                        }
                    }).await();
        }
        assertThat(prefill).containsExactly(prompt.length, prompt.length);
        assertThat(ids).containsExactlyElementsOf(Arrays.stream(r.tokenIds()).boxed().toList());
        assertThat(streamed.toString()).isEqualTo(r.text()).doesNotContain("\uFFFD");
        assertThat(r.text()).isEqualTo(model.tokenizer().decode(r.tokenIds(), true));
        GenerationStats st = r.stats();
        assertThat(st.promptTokens()).isEqualTo(prompt.length);
        assertThat(st.generatedTokens()).isEqualTo(24);
        assertThat(st.ttftMs()).isPositive();
        assertThat(st.decodeTokensPerS()).isPositive();
        assertThat(st.peakRssMb()).isPositive();
        LiveStats last = lives.get(lives.size() - 1);
        assertThat(lives).extracting(LiveStats::generatedTokens).startsWith(1, 2, 3);
        assertThat(last.generatedTokens()).isEqualTo(24);
        assertThat(last.ttftMs()).as("the live TTFT is the result's").isEqualTo(st.ttftMs());
        assertThat(last.decodeTokensPerS()).isCloseTo(st.decodeTokensPerS(), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(r.sampling().isArgmax()).isTrue();
        assertThat(r.promptText()).isEqualTo(model.tokenizer().decode(prompt, false));
    }

    @Test
    void stopsAtMaxTokens() {
        GenerationResult r = run(Sampling.argmax(), 5, null, Set.of());
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.tokenIds()).hasSize(5);
    }

    @Test
    void stopsOnAnEosIdAndKeepsItOutOfTheText() {
        int[] free = run(Sampling.argmax(), 6, null, Set.of()).tokenIds();
        int eos = free[3];
        int firstAt = Arrays.stream(free).boxed().toList().indexOf(eos);
        GenerationResult r = run(Sampling.argmax(), 6, null, Set.of(eos));
        assertThat(r.finishReason()).isEqualTo(FinishReason.EOS);
        assertThat(r.tokenIds()).containsExactly(Arrays.copyOf(free, firstAt + 1));
        assertThat(r.text()).isEqualTo(model.tokenizer().decode(Arrays.copyOf(free, firstAt), true));
    }

    @Test
    void stopsBeforeAStopStringWithoutStreamingAnyOfIt() {
        GenerationResult free = run(Sampling.argmax(), 24, null, Set.of());
        String text = free.text();
        assertThat(text.length()).isGreaterThan(6);
        String stop = text.substring(text.length() / 2, text.length() / 2 + 3);
        StringBuilder streamed = new StringBuilder();
        GenerationResult r;
        try (ChatSession s = model.newSession()) {
            r = s.generate(request(Sampling.argmax(), 24, List.of(stop), Set.of()),
                    new GenerationListener() {
                        @Override
                        public void onToken(int tokenId, String textDelta, LiveStats live) {
                            streamed.append(textDelta);
                        }
                    }).await();
        }
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
        assertThat(r.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
        assertThat(streamed.toString()).isEqualTo(r.text());
    }

    @Test
    void stopsAtTheContextLimit() {
        GenerationResult r = run(Sampling.argmax(), 1000, null, Set.of());
        assertThat(r.finishReason()).isEqualTo(FinishReason.CONTEXT_LIMIT);
        assertThat(prompt.length + r.tokenIds().length).isEqualTo(256 + 1);
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedWithBothSizes() {
        int[] tooLong = new int[300];
        Arrays.fill(tooLong, 9707);
        try (ChatSession s = model.newSession()) {
            assertThatThrownBy(() -> s.generate(new GenerationRequest(Prompt.tokens(tooLong), Sampling.argmax(),
                    Limits.maxTokens(4))))
                    .isInstanceOf(PromptTooLongException.class)
                    .hasMessageContaining("300 tokens")
                    .hasMessageContaining("256");
        }
    }

    @Test
    void cancellingKeepsThePartialReply() {
        try (ChatSession s = model.newSession()) {
            GenerationHandle[] handle = new GenerationHandle[1];
            List<Integer> seen = new ArrayList<>();
            handle[0] = s.generate(request(Sampling.argmax(), 200, null, Set.of()),
                    new GenerationListener() {
                        @Override
                        public void onToken(int tokenId, String textDelta, LiveStats live) {
                            seen.add(tokenId);
                            if (seen.size() == 3) {
                                handle[0].cancel();
                            }
                        }
                    });
            GenerationResult r = handle[0].await();
            assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(r.tokenIds()).hasSizeBetween(3, 4);
        }
    }

    @Test
    void theSameSeedGivesTheSameReplyAndAnotherSeedAnother() {
        Sampling p = new Sampling(false, 1.0, 0.95, 0, 1.0, 1234L);
        GenerationResult first = run(p, 16, null, Set.of());
        int[] a = first.tokenIds();
        int[] b = run(p, 16, null, Set.of()).tokenIds();
        int[] c = run(p.withSeed(99L), 16, null, Set.of()).tokenIds();
        assertThat(first.sampling().seed()).isEqualTo(1234);
        assertThat(a).containsExactly(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void theNextTurnReusesTheCacheAndAnswersAsAFreshSessionWould() {
        try (ChatSession chat = model.newSession(); ChatSession fresh = model.newSession()) {
            GenerationResult first = chat.generate(request(Sampling.argmax(), 8, null, Set.of()));
            int[] turn2 = concat(prompt, first.tokenIds(), model.tokenizer().encode("<|im_end|>\n<|im_start|>user\n好<|im_end|>\n<|im_start|>assistant\n"));
            GenerationRequest next = new GenerationRequest(Prompt.tokens(turn2), Sampling.argmax(),
                    new Limits(8, null, null, true));
            GenerationResult reused = chat.generate(next);
            GenerationResult scratch = fresh.generate(next);
            assertThat(reused.stats().cachedPromptTokens()).isEqualTo(prompt.length + 7);
            assertThat(scratch.stats().cachedPromptTokens()).isZero();
            assertThat(reused.tokenIds()).containsExactly(scratch.tokenIds());
        }
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
