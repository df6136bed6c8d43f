package dev.qwenwb.inference.generate.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.grammar.Grammar;
import dev.qwenwb.inference.grammar.GrammarConstraint;
import dev.qwenwb.inference.grammar.JsonSchemaGrammar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sampler tries its choice against a grammar before masking the vocabulary: it must choose exactly the tokens that
 * masking first chooses — greedy, and seeded with temperature, top-k and top-p — over long random runs.
 */
class CheckedConstraintTest {

    private static final String SCHEMA = "{\"type\": \"object\", \"properties\": {"
            + "\"name\": {\"type\": \"string\"}, \"age\": {\"type\": \"integer\"}, "
            + "\"lang\": {\"enum\": [\"python\", \"java\"]}, \"ok\": {\"type\": \"boolean\"}, "
            + "\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"number\"}}}, "
            + "\"required\": [\"name\", \"age\", \"lang\", \"ok\", \"tags\"]}";

    /** Every printable ASCII byte, some JSON-ish pieces, and an end token without bytes (the last id). */
    private static Vocabulary vocabulary() {
        List<byte[]> tokens = new ArrayList<>();
        for (int c = 0x20; c < 0x7F; c++) {
            tokens.add(new byte[] {(byte) c});
        }
        for (String s : new String[] {"{\"", "\":", "\", \"", "\": ", "true", "false", "null", "\"python\"", "java",
                "123", "4.5", "ab", " \"", "},", "]}", "[1", ", ", "name", "age", "lang", "ok", "tags", "\"}", "\\n",
                "é", "\"\n"}) {
            tokens.add(s.getBytes(StandardCharsets.UTF_8));
        }
        tokens.add(null);
        return Vocabulary.of(tokens.toArray(new byte[0][]));
    }

    /** A constraint that only masks (the sampler's path before it could check one token), counting its masks. */
    private static final class Counting implements TokenConstraint {
        final TokenConstraint inner;
        final boolean checks;
        int masks;

        Counting(TokenConstraint inner, boolean checks) {
            this.inner = inner;
            this.checks = checks;
        }

        @Override
        public void restrict(float[] scores) {
            masks++;
            inner.restrict(scores);
        }

        @Override
        public void accept(int token) {
            inner.accept(token);
        }

        @Override
        public boolean checksOne() {
            return checks;
        }

        @Override
        public boolean allows(int token) {
            return inner.allows(token);
        }
    }

    private static void sameTokens(SamplingParams params, long logitSeed) throws Exception {
        Vocabulary v = vocabulary();
        int eos = v.size() - 1;
        Grammar g = JsonSchemaGrammar.of(new ObjectMapper().readTree(SCHEMA));
        Counting checked = new Counting(new GrammarConstraint(g, v, Set.of(eos)), true);
        Counting masked = new Counting(new GrammarConstraint(g, v, Set.of(eos)), false);
        Sampler a = new Sampler(params, checked);
        Sampler b = new Sampler(params, masked);
        Random r = new Random(logitSeed);
        int[] context = new int[4000];
        int steps = 0;
        for (; steps < 3000; steps++) {
            float[] logits = new float[v.size()];
            for (int i = 0; i < logits.length; i++) {
                // mostly noise, with ties now and then (rounded scores) and a few strongly favoured tokens
                logits[i] = steps % 3 == 0 ? Math.round(r.nextGaussian() * 2) : (float) (r.nextGaussian() * 3);
            }
            logits[r.nextInt(logits.length)] += 8;
            if (steps % 4 != 3) { // as a real model mostly does: an allowed token is the likeliest
                List<Integer> ok = new ArrayList<>();
                for (int i = 0; i < logits.length; i++) {
                    if (checked.inner.allows(i)) {
                        ok.add(i);
                    }
                }
                if (!ok.isEmpty()) {
                    logits[ok.get(r.nextInt(ok.size()))] += 12;
                }
            }
            Sampler.Choice x = a.next(logits, context, 0, steps);
            Sampler.Choice y = b.next(logits, context, 0, steps);
            assertThat(x.token()).as("step %d", steps).isEqualTo(y.token());
            if (x.none() || x.token() == eos) {
                break;
            }
            context[steps] = x.token();
        }
        assertThat(steps).as("a run of some length").isGreaterThan(5);
        assertThat(masked.masks).isEqualTo(steps + 1);
        assertThat(checked.masks).as("checking the choice spared some masks").isLessThan(masked.masks);
    }

    @Test
    void greedyChoosesAsMaskingFirst() throws Exception {
        for (long seed = 0; seed < 20; seed++) {
            sameTokens(SamplingParams.greedyDecoding(), seed);
        }
    }

    @Test
    void seededTopKAndTopPChooseAsMaskingFirst() throws Exception {
        for (long seed = 0; seed < 20; seed++) {
            sameTokens(SamplingParams.sampling(0.7, 0.9, 5, seed), seed);
            sameTokens(SamplingParams.sampling(1.3, 1.0, 1, seed), seed);
            sameTokens(SamplingParams.sampling(0.9, 0.8, 20, seed), seed + 100);
        }
    }
}
