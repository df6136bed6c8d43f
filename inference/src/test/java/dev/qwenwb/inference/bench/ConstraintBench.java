package dev.qwenwb.inference.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.Vocabulary;
import dev.qwenwb.inference.generate.sampling.Sampler;
import dev.qwenwb.inference.grammar.Grammar;
import dev.qwenwb.inference.grammar.GrammarConstraint;
import dev.qwenwb.inference.grammar.JsonSchemaGrammar;
import dev.qwenwb.inference.tokenizer.QwenTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * What a JSON-schema constraint costs the sampler per token, over Qwen2.5's real vocabulary (151 936 ids): the
 * grammar's mask over every token before each choice, against checking the choice first and masking only when it is
 * refused. The "model" is a fixed text: each step's logits are noise with the text's next token far ahead, as a real
 * model's are when it writes valid JSON. Not a unit test (speed is never asserted): run by
 * {@code scripts/constraint-bench.sh}.
 */
public final class ConstraintBench {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"},"
            + "\"confidence\":{\"type\":\"number\"}},\"required\":[\"answer\",\"confidence\"]}";

    private ConstraintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path tokenizerJson = Path.of(args.length > 0 ? args[0] : "assets/tokenizer/qwen2.5/tokenizer.json");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        QwenTokenizer tokenizer = QwenTokenizer.load(tokenizerJson);
        int vocabSize = 151_936;
        Vocabulary vocabulary = Vocabulary.of(tokenizer.tokenBytes(vocabSize));
        Grammar grammar = JsonSchemaGrammar.of(new ObjectMapper().readTree(SCHEMA));
        String text = "{\"answer\": \"A quicksort picks a pivot, splits the list into the smaller and the larger "
                + "items, and sorts both halves the same way; on average it takes n log n steps, in the worst "
                + "case n squared.\", \"confidence\": 0.93}";
        int[] ids = tokenizer.encode(text);
        int eos = 151_645;
        System.out.printf(Locale.ROOT, "vocabulary %d, text %d tokens, %d rounds, %s%n", vocabSize, ids.length, rounds,
                System.getProperty("os.arch"));
        for (String mode : new String[] {"greedy", "top-k 20, top-p 0.8, T 0.7"}) {
            SamplingParams params = mode.equals("greedy") ? SamplingParams.greedyDecoding()
                    : SamplingParams.sampling(0.7, 0.8, 20, 42);
            double[] masked = new double[rounds];
            double[] checked = new double[rounds];
            for (int r = 0; r < rounds + 1; r++) { // round 0 warms the JIT up, alternating
                double m = msPerToken(vocabulary, grammar, ids, eos, params, false);
                double c = msPerToken(vocabulary, grammar, ids, eos, params, true);
                if (r > 0) {
                    masked[r - 1] = m;
                    checked[r - 1] = c;
                }
            }
            Arrays.sort(masked);
            Arrays.sort(checked);
            System.out.printf(Locale.ROOT, "%-28s mask every token: %7.2f ms/token (median; %.2f–%.2f)   "
                            + "check the choice first: %6.3f ms/token (%.3f–%.3f)   %.0f×%n", mode,
                    masked[rounds / 2], masked[0], masked[rounds - 1], checked[rounds / 2], checked[0],
                    checked[rounds - 1], masked[rounds / 2] / checked[rounds / 2]);
        }
    }

    /** One pass over the text; the tokens chosen must be the text's (the grammar allows it), else it says so. */
    private static double msPerToken(Vocabulary vocabulary, Grammar grammar, int[] ids, int eos,
                                     SamplingParams params, boolean checkFirst) {
        TokenConstraint inner = new GrammarConstraint(grammar, vocabulary, Set.of(eos));
        TokenConstraint constraint = checkFirst ? inner : new TokenConstraint() { // the path before: mask only
            @Override
            public void restrict(float[] scores) {
                inner.restrict(scores);
            }

            @Override
            public void accept(int token) {
                inner.accept(token);
            }
        };
        Sampler sampler = new Sampler(params, constraint);
        Random random = new Random(7);
        float[] logits = new float[vocabulary.size()];
        for (int j = 0; j < logits.length; j++) {
            logits[j] = (float) random.nextGaussian();
        }
        int[] context = new int[ids.length + 1];
        long t0 = System.nanoTime();
        for (int i = 0; i < ids.length; i++) {
            float noise = logits[ids[i]];
            logits[ids[i]] = 30; // far ahead: sampled or greedy, the text's token
            int token = sampler.next(logits, context, 0, i).token();
            logits[ids[i]] = noise;
            if (token != ids[i]) {
                throw new IllegalStateException("step " + i + ": chose " + token + ", the text has " + ids[i]);
            }
            context[i] = token;
        }
        return (System.nanoTime() - t0) / 1e6 / ids.length;
    }
}
