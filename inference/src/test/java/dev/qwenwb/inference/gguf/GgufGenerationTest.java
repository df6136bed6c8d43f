package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.PromptTooLongException;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.testing.TinyGgufs;
import dev.qwenwb.inference.generate.GgufModel;
import dev.qwenwb.inference.generate.GgufSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GGUF engine on the tiny f32 fixture: streaming, stats, stop conditions, cancellation, seeds, the KV cache. */
class GgufGenerationTest {

    private static GgufModel model;
    private static int[] prompt;

    @BeforeAll
    static void load() {
        model = GgufModel.load(TinyGgufs.tiny(GgmlType.F32), EngineOptions.defaults().withContextLength(256)
                .withThreads(1)); // one thread: ggml's workers spin at barriers, slow on a busy 2-core machine
        String text = model.chatTemplate().orElseThrow().render(List.of(ChatMessage.user("写一个快速排序")), true);
        prompt = model.tokenizer().encode(text);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static GenerationResult run(SamplingParams p, int max, List<String> stops, Set<Integer> eos) {
        try (GgufSession s = model.newSession()) {
            return s.generate(GgufRequests.of(prompt, p, max, stops, eos));
        }
    }

    @Test
    void describesTheFile() {
        GgufModelInfo info = model.details();
        assertThat(info.name()).endsWith("-f32");
        assertThat(info.fileType()).isEqualTo("f32");
        assertThat(info.config().hiddenSize()).isEqualTo(64);
        assertThat(info.config().numHiddenLayers()).isEqualTo(2);
        assertThat(info.config().tieWordEmbeddings()).isTrue();
        assertThat(info.contextLength()).isEqualTo(256);
        assertThat(info.threads()).isEqualTo(1);
        assertThat(info.backend()).startsWith("llama.cpp v0.4.0 cpu-");
        assertThat(info.loadMs()).isPositive();
        assertThat(info.weightBytesPerToken()).isEqualTo(info.weightBytes()); // tied: the embedding is the output
        // llama.cpp's end-of-generation ids: <|im_end|> (eos) first, <|endoftext|> among them
        assertThat(model.defaults().eosTokenIds()).startsWith(151_645).contains(151_643);
        assertThat(model.defaults().doSample()).isFalse();
    }

    @Test
    void streamedDeltasAddUpToTheTextAndEveryTokenIsHeard() {
        List<Integer> ids = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        int[] prefill = new int[2];
        LiveStats[] lastLive = new LiveStats[1];
        GenerationResult r;
        try (GgufSession s = model.newSession()) {
            r = s.generate(GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 24, null, Set.of()),
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
                            lastLive[0] = live;
                        }
                    }).await();
        }
        assertThat(prefill).containsExactly(prompt.length, prompt.length);
        assertThat(ids).containsExactlyElementsOf(Arrays.stream(r.tokenIds()).boxed().toList());
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(streamed.toString()).isEqualTo(r.text());
        assertThat(r.text()).isEqualTo(model.tokenizer().decode(r.tokenIds()));
        GenerationStats st = r.stats();
        assertThat(st.loadMs()).isEqualTo(model.info().loadMs()).isEqualTo(model.details().loadMs());
        assertThat(st.promptTokens()).isEqualTo(prompt.length);
        assertThat(st.cachedPromptTokens()).isZero();
        assertThat(st.generatedTokens()).isEqualTo(24);
        assertThat(st.ttftMs()).isPositive().isEqualTo(st.tokenLatenciesMs()[0]);
        assertThat(st.prefillTokensPerS()).isPositive();
        assertThat(st.decodeTokensPerS()).isPositive();
        assertThat(st.totalMs()).isGreaterThanOrEqualTo(st.ttftMs());
        assertThat(st.peakRssMb()).isPositive();
        assertThat(st.gpuMemoryMb()).isEqualTo(-1);
        assertThat(lastLive[0].generatedTokens()).isEqualTo(24);
        assertThat(lastLive[0].ttftMs()).isEqualTo(st.ttftMs(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(lastLive[0].decodeTokensPerS()).isPositive();
    }

    @Test
    void asAGeneratorItRendersAChatWithTheFilesOwnTemplate() {
        dev.qwenwb.inference.generate.Generator g = model;
        var chat = dev.qwenwb.inference.prompt.Prompt.chat(List.of(ChatMessage.user("写一个快速排序")));
        assertThat(g.info().engine()).isEqualTo("llama.cpp");
        assertThat(g.info().dtype()).isEqualTo("f32");
        assertThat(g.info().dtypeReason()).contains("GGUF");
        assertThat(g.info().device()).isEqualTo("cpu");
        assertThat(g.render(chat).ids()).containsExactly(prompt);
        GenerationResult r = g.generate(new dev.qwenwb.inference.generate.GenerationRequest(chat,
                dev.qwenwb.inference.generate.Sampling.argmax(), dev.qwenwb.inference.generate.Limits.maxTokens(6)));
        assertThat(r.promptText()).startsWith("<|im_start|>system\n").endsWith("<|im_start|>assistant\n");
        assertThat(r.tokenIds()).hasSizeBetween(1, 6);
        assertThat(r.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.EOS);
        assertThat(r.sampling().isArgmax()).isTrue();
    }

    @Test
    void stopsAtAnEndOfSequenceIdWithoutShowingIt() {
        int[] free = run(SamplingParams.sampling(1.5, 1.0, 0, 3), 12, null, Set.of()).tokenIds();
        int k = 1;
        while (k < free.length - 1 && contains(Arrays.copyOf(free, k), free[k])) {
            k++; // the first token not seen before ends it
        }
        GenerationResult r = run(SamplingParams.sampling(1.5, 1.0, 0, 3), 12, null, Set.of(free[k]));
        assertThat(r.finishReason()).isEqualTo(FinishReason.EOS);
        assertThat(r.tokenIds()).containsExactly(Arrays.copyOf(free, k + 1));
        assertThat(r.text()).isEqualTo(model.tokenizer().decode(Arrays.copyOf(free, k)));
    }

    private static boolean contains(int[] a, int x) {
        return Arrays.stream(a).anyMatch(v -> v == x);
    }

    @Test
    void stopStringCutsTheTextBeforeIt() {
        GenerationResult free = run(SamplingParams.greedyDecoding(), 24, null, Set.of());
        String text = free.text();
        String stop = text.substring(text.length() / 2, text.length() / 2 + 2);
        GenerationResult r = run(SamplingParams.greedyDecoding(), 24, List.of(stop), Set.of());
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
        assertThat(r.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
    }

    @Test
    void cancelStopsBetweenTokensAndKeepsThePartialText() {
        AtomicReference<GenerationHandle> handle = new AtomicReference<>();
        List<Integer> heard = new ArrayList<>();
        GenerationResult r;
        try (GgufSession s = model.newSession()) {
            handle.set(s.generate(GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 200, null, Set.of()),
                    new GenerationListener() {
                        @Override
                        public void onToken(int tokenId, String textDelta, LiveStats live) {
                            heard.add(tokenId);
                            if (heard.size() == 3) {
                                handle.get().cancel();
                            }
                        }
                    }));
            r = handle.get().await();
        }
        assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(r.tokenIds()).hasSizeBetween(3, 4); // the token in flight when cancelled may finish
    }

    @Test
    void theSameSeedDrawsTheSameTokensAndAnotherSeedOthers() {
        SamplingParams p = SamplingParams.sampling(1.5, 1.0, 0, 7);
        int[] a = run(p, 16, null, Set.of()).tokenIds();
        int[] b = run(p, 16, null, Set.of()).tokenIds();
        int[] c = run(p.withSeed(8), 16, null, Set.of()).tokenIds();
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void theNextTurnReusesTheCacheAndGivesWhatAFreshSessionGives() {
        try (GgufSession s = model.newSession(); GgufSession fresh = model.newSession()) {
            GenerationResult first = s.generate(GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 8,
                    null, Set.of()));
            assertThat(s.cachedTokens()).isEqualTo(prompt.length + 7); // the last token was never fed back
            int[] next = concat(prompt, first.tokenIds(), model.tokenizer().encode("<|im_end|>\n<|im_start|>user\n再来"));
            GenerationResult second = s.generate(GgufRequests.of(next, SamplingParams.greedyDecoding(), 8,
                    null, Set.of()));
            GenerationResult reference = fresh.generate(GgufRequests.of(next, SamplingParams.greedyDecoding(), 8,
                    null, Set.of()));
            assertThat(second.stats().cachedPromptTokens()).isEqualTo(prompt.length + 7);
            assertThat(reference.stats().cachedPromptTokens()).isZero();
            assertThat(second.tokenIds()).containsExactly(reference.tokenIds());

            // a shorter, different prompt: the cache is cut back to the common prefix
            int[] other = Arrays.copyOf(prompt, prompt.length - 3);
            GenerationResult third = s.generate(GgufRequests.of(other, SamplingParams.greedyDecoding(), 4,
                    null, Set.of()));
            s.reset();
            GenerationResult thirdFresh = s.generate(GgufRequests.of(other, SamplingParams.greedyDecoding(), 4,
                    null, Set.of()));
            assertThat(third.stats().cachedPromptTokens()).isEqualTo(other.length - 1);
            assertThat(thirdFresh.stats().cachedPromptTokens()).isZero();
            assertThat(third.tokenIds()).containsExactly(thirdFresh.tokenIds());
        }
    }

    @Test
    void aPromptThatFillsTheContextIsRefusedAndTheSessionStaysUsable() {
        try (GgufSession s = model.newSession()) {
            int[] tooLong = new int[256];
            Arrays.fill(tooLong, 100);
            assertThatThrownBy(() -> s.generate(GgufRequests.of(tooLong, SamplingParams.greedyDecoding(), 4,
                    null, Set.of()))).isInstanceOf(PromptTooLongException.class);
            assertThatThrownBy(() -> s.generate(GgufRequests.of(new int[] {1, 200_000},
                    SamplingParams.greedyDecoding(), 4, null, Set.of()))).hasMessageContaining("200000");
            assertThat(s.generate(GgufRequests.of(prompt, SamplingParams.greedyDecoding(), 2, null, Set.of()))
                    .tokenIds()).hasSize(2);
        }
    }

    @Test
    void tokenizesAsTheGgufSaysWithSpecialTokensParsed() {
        assertThat(model.tokenizer().encode("<|im_start|>hello<|im_end|>")).containsExactly(151644, 14990, 151645);
        assertThat(model.tokenizer().encode("Hello world")).containsExactly(9707, 1879);
        assertThat(model.tokenizer().decode(model.tokenizer().encode("写一个快速排序"))).isEqualTo("写一个快速排序");
        assertThat(model.tokenizer().tokenText(151645)).isEqualTo("<|im_end|>");
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int i = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }
}
