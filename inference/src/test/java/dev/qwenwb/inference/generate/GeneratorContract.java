package dev.qwenwb.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.generate.decode.EngineModel;
import dev.qwenwb.inference.generate.decode.EngineSession;
import dev.qwenwb.inference.model.ModelFolder;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.ReferenceQwen2;
import dev.qwenwb.inference.testing.TinyModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every in-process engine must do through the one decode loop, run over each engine on the same tiny random
 * Qwen2 ({@code TinyModels.tiny(F32)}; its GGUF is the same weights): greedy ids as the plain-Java reference computes
 * them, streaming and stats, stop ids and strings, max tokens and the context limit, refused prompts, cancellation,
 * seeds, cache reuse across turns, several sequences stepping together, logit bias, log-probabilities and the
 * constraint hook. A subclass loads its engine with a context of {@value #CONTEXT} tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GeneratorContract {

    /** The context the engine under test is loaded with. */
    protected static final int CONTEXT = 256;

    private EngineModel model;
    private int[] prompt;
    private ReferenceQwen2 reference;

    /** @return the engine under test on the tiny model's weights, context {@value #CONTEXT} */
    protected abstract EngineModel open();

    /** @return the text of ids as the engine decodes it (special tokens skipped) */
    protected abstract String decode(int[] ids);

    @BeforeAll
    void load() {
        model = open();
        prompt = model.render(Prompt.chat(List.of(ChatMessage.user("写一个快速排序")))).ids();
        try (ModelFolder folder = ModelFolder.open(TinyModels.tiny(TensorDType.F32))) {
            reference = new ReferenceQwen2(folder.weights(), folder.config());
        }
    }

    @AfterAll
    void close() {
        model.close();
    }

    /** {@code max} tokens at most, no end-of-sequence ids but {@code eos}. */
    private GenerationRequest request(int[] ids, Sampling p, int max, List<String> stops, Set<Integer> eos) {
        return new GenerationRequest(Prompt.tokens(ids), p, new Limits(max, stops, eos, true));
    }

    private GenerationResult run(Sampling p, int max, List<String> stops, Set<Integer> eos) {
        try (EngineSession s = model.newSession()) {
            return s.generate(request(prompt, p, max, stops, eos));
        }
    }

    @Test
    void greedyIdsAreTheReferencesGreedyContinuation() {
        int[] expected = reference.greedy(prompt, 12);
        GenerationResult r = run(Sampling.argmax(), 12, null, Set.of());
        assertThat(r.tokenIds()).containsExactly(expected);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void streamedDeltasAddUpToTheTextAndEveryTokenIsHeardWithItsStats() {
        List<Integer> ids = new ArrayList<>();
        List<LiveStats> lives = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        int[] prefill = new int[2];
        GenerationResult r;
        try (EngineSession s = model.newSession()) {
            r = s.generate(request(prompt, Sampling.argmax(), 24, null, Set.of()), new GenerationListener() {
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
        assertThat(r.text()).isEqualTo(decode(r.tokenIds()));
        GenerationStats st = r.stats();
        assertThat(st.promptTokens()).isEqualTo(prompt.length);
        assertThat(st.cachedPromptTokens()).isZero();
        assertThat(st.generatedTokens()).isEqualTo(24);
        assertThat(st.ttftMs()).isPositive();
        assertThat(st.prefillTokensPerS()).isPositive();
        assertThat(st.decodeTokensPerS()).isPositive();
        assertThat(st.totalMs()).isGreaterThanOrEqualTo(st.ttftMs());
        assertThat(st.peakRssMb()).isPositive();
        assertThat(st.loadMs()).isEqualTo(model.info().loadMs());
        LiveStats last = lives.get(lives.size() - 1);
        assertThat(lives).extracting(LiveStats::generatedTokens).startsWith(1, 2, 3);
        assertThat(last.generatedTokens()).isEqualTo(24);
        assertThat(last.ttftMs()).as("the live TTFT is the result's").isEqualTo(st.ttftMs());
        assertThat(last.decodeTokensPerS()).isCloseTo(st.decodeTokensPerS(), Percentage.withPercentage(1));
        assertThat(r.sampling().isArgmax()).isTrue();
        assertThat(r.logprobs()).as("not asked for").isEmpty();
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
        assertThat(r.text()).isEqualTo(decode(Arrays.copyOf(free, firstAt)));
    }

    @Test
    void stopsBeforeAStopStringWithoutStreamingAnyOfIt() {
        String text = run(Sampling.argmax(), 24, null, Set.of()).text();
        assertThat(text.length()).isGreaterThan(6);
        String stop = text.substring(text.length() / 2, text.length() / 2 + 3);
        StringBuilder streamed = new StringBuilder();
        GenerationResult r;
        try (EngineSession s = model.newSession()) {
            r = s.generate(request(prompt, Sampling.argmax(), 24, List.of(stop), Set.of()), new GenerationListener() {
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
        assertThat(prompt.length + r.tokenIds().length).isEqualTo(CONTEXT + 1);
    }

    @Test
    void refusesAPromptThatFillsTheContextOrHasAForeignIdAndStaysUsable() {
        try (EngineSession s = model.newSession()) {
            int[] tooLong = new int[CONTEXT + 44];
            Arrays.fill(tooLong, 9707);
            assertThatThrownBy(() -> s.generate(request(tooLong, Sampling.argmax(), 4, null, Set.of())))
                    .isInstanceOf(PromptTooLongException.class)
                    .hasMessageContaining((CONTEXT + 44) + " tokens").hasMessageContaining(String.valueOf(CONTEXT));
            assertThatThrownBy(() -> s.generate(request(new int[] {1, 200_000}, Sampling.argmax(), 4, null,
                    Set.of()))).hasMessageContaining("200000");
            assertThat(s.generate(request(prompt, Sampling.argmax(), 2, null, Set.of())).tokenIds()).hasSize(2);
        }
    }

    @Test
    void cancellingKeepsThePartialReply() {
        try (EngineSession s = model.newSession()) {
            GenerationHandle[] handle = new GenerationHandle[1];
            List<Integer> seen = new ArrayList<>();
            handle[0] = s.generate(request(prompt, Sampling.argmax(), 200, null, Set.of()), new GenerationListener() {
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
        int[] b = run(p, 16, null, Set.of()).tokenIds();
        int[] c = run(p.withSeed(99L), 16, null, Set.of()).tokenIds();
        assertThat(first.sampling().seed()).isEqualTo(1234);
        assertThat(first.tokenIds()).containsExactly(b);
        assertThat(c).isNotEqualTo(first.tokenIds());
    }

    @Test
    void theNextTurnReusesTheCacheAndAnswersAsAFreshSessionWould() {
        try (EngineSession chat = model.newSession(); EngineSession fresh = model.newSession()) {
            GenerationResult first = chat.generate(request(prompt, Sampling.argmax(), 8, null, Set.of()));
            assertThat(chat.cachedTokens()).as("the last token was never fed back").isEqualTo(prompt.length + 7);
            int[] turn2 = concat(prompt, first.tokenIds(), model.render(Prompt.raw(
                    "<|im_end|>\n<|im_start|>user\n好<|im_end|>\n<|im_start|>assistant\n")).ids());
            GenerationResult reused = chat.generate(request(turn2, Sampling.argmax(), 8, null, Set.of()));
            GenerationResult scratch = fresh.generate(request(turn2, Sampling.argmax(), 8, null, Set.of()));
            assertThat(reused.stats().cachedPromptTokens()).isEqualTo(prompt.length + 7);
            assertThat(scratch.stats().cachedPromptTokens()).isZero();
            assertThat(reused.tokenIds()).containsExactly(scratch.tokenIds());

            // a shorter, different prompt: the cache is cut back to the common prefix
            int[] other = Arrays.copyOf(prompt, prompt.length - 3);
            GenerationResult third = chat.generate(request(other, Sampling.argmax(), 4, null, Set.of()));
            chat.reset();
            assertThat(chat.cachedTokens()).isZero();
            GenerationResult thirdFresh = chat.generate(request(other, Sampling.argmax(), 4, null, Set.of()));
            assertThat(third.stats().cachedPromptTokens()).isEqualTo(other.length - 1);
            assertThat(thirdFresh.stats().cachedPromptTokens()).isZero();
            assertThat(third.tokenIds()).containsExactly(thirdFresh.tokenIds());
        }
    }

    @Test
    void severalSequencesStepTogetherAndGiveWhatEachGivesAlone() {
        int[][] prompts = {prompt, Arrays.copyOf(prompt, prompt.length - 2), concat(prompt, new int[] {9707, 1879})};
        int[][] alone = new int[prompts.length + 1][];
        for (int i = 0; i < prompts.length; i++) {
            alone[i] = run(prompts[i], 10);
        }
        alone[3] = alone[0];
        List<Integer> order = new CopyOnWriteArrayList<>(); // which generation each streamed token belongs to
        try (EngineSession s = model.newSession(3)) {
            List<GenerationHandle> handles = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // the fourth waits for a free slot and joins when one leaves
                int which = i;
                handles.add(s.generate(request(prompts[i % 3], Sampling.argmax(), 10, null, Set.of()),
                        new GenerationListener() {
                            @Override
                            public void onToken(int tokenId, String textDelta, LiveStats live) {
                                order.add(which);
                            }
                        }));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(handles.get(i).await().tokenIds()).as("generation " + i).containsExactly(alone[i]);
            }
        }
        assertThat(order.subList(0, 3)).as("the first step chose a token for each of the three at once")
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(order.indexOf(3)).as("the fourth joined after one of the first three left")
                .isGreaterThanOrEqualTo(10);
        assertThat(Collections.frequency(order, 3)).isEqualTo(10);
    }

    private int[] run(int[] ids, int max) {
        try (EngineSession s = model.newSession()) {
            return s.generate(request(ids, Sampling.argmax(), max, null, Set.of())).tokenIds();
        }
    }

    @Test
    void logitBiasAppliesAndLogprobsAreTheModelsOwn() {
        int[] free = run(prompt, 4);
        Sampling biased = Sampling.argmax().withOpenAi(null, null, Map.of(free[0], -100.0, 1879, 100.0), 3);
        GenerationResult r = run(biased, 4, null, Set.of());
        assertThat(r.tokenIds()).as("+100 on one token makes greedy pick it").containsOnly(1879);
        assertThat(r.logprobs()).hasSize(4);
        TokenLogprob first = r.logprobs().get(0);
        assertThat(first.token()).isEqualTo(1879);
        assertThat(first.top()).hasSize(3);
        assertThat(first.top().get(0).token()).as("the raw distribution's most likely is the unbiased greedy choice")
                .isEqualTo(free[0]);
        assertThat(first.top().get(0).logprob()).isLessThanOrEqualTo(0).isGreaterThanOrEqualTo(first.logprob());
        assertThat(first.top().get(1).logprob()).isLessThanOrEqualTo(first.top().get(0).logprob());
    }

    @Test
    void aConstraintRestrictsEveryTokenAndEndsTheGenerationWhenItAllowsNone() {
        Set<Integer> allowed = Set.of(9707, 1879, 11);
        GenerationRequest req = request(prompt, new Sampling(false, 1.0, 1.0, 0, 1.0, 7L), 12, null, Set.of())
                .withConstraint((vocabulary, eos) -> new TokenConstraint() {
                    private int accepted;

                    @Override
                    public void restrict(float[] scores) {
                        for (int i = 0; i < scores.length; i++) {
                            if (accepted >= 5 || !allowed.contains(i)) {
                                scores[i] = Float.NEGATIVE_INFINITY;
                            }
                        }
                    }

                    @Override
                    public void accept(int token) {
                        accepted++;
                    }
                });
        GenerationResult r;
        try (EngineSession s = model.newSession()) {
            r = s.generate(req);
        }
        assertThat(r.tokenIds()).hasSize(5);
        assertThat(Arrays.stream(r.tokenIds()).boxed().toList()).allMatch(allowed::contains);
        assertThat(r.finishReason()).as("nothing allowed: ends as a stop").isEqualTo(FinishReason.EOS);
    }

    @Test
    void aJsonSchemaMakesEvenRandomWeightsWriteJsonThatValidates() throws Exception {
        String schema = "{\"type\": \"object\", \"properties\": {\"lang\": {\"enum\": [\"python\", \"java\"]}, "
                + "\"ok\": {\"type\": \"boolean\"}, \"n\": {\"type\": \"integer\"}, \"tags\": {\"type\": \"array\", "
                + "\"items\": {\"enum\": [\"a\", \"b\"]}, \"maxItems\": 3}}, \"required\": [\"lang\", \"ok\", \"n\", \"tags\"]}";
        dev.qwenwb.inference.grammar.Grammar g = dev.qwenwb.inference.grammar.JsonSchemaGrammar.of(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(schema));
        for (long seed : new long[] {1, 2}) {
            GenerationRequest req = new GenerationRequest(Prompt.tokens(prompt), new Sampling(false, 1.0, 1.0, 0, 1.0,
                    seed), new Limits(80, null, Set.of(), false))
                    .withConstraint(dev.qwenwb.inference.grammar.GrammarConstraint.factory(g));
            GenerationResult r;
            try (EngineSession s = model.newSession()) {
                r = s.generate(req);
            }
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.text());
            assertThat(json.get("lang").asText()).as(r.text()).isIn("python", "java");
            assertThat(json.get("ok").isBoolean()).as(r.text()).isTrue();
            assertThat(json.get("n").isIntegralNumber()).as(r.text()).isTrue();
            assertThat(json.get("tags").size()).as(r.text()).isLessThanOrEqualTo(3);
            assertThat(r.finishReason()).as("the model's eos is the only token once the JSON is whole")
                    .isEqualTo(FinishReason.EOS);
        }
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
