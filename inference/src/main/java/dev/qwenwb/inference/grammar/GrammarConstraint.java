package dev.qwenwb.inference.grammar;

import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.Vocabulary;
import java.util.Arrays;
import java.util.Set;

/**
 * A {@link Grammar} as the decode loop's {@link TokenConstraint}: before each token, every token whose bytes the
 * grammar cannot take from where the output stands is masked; an end-of-sequence id is allowed only once the output
 * is a whole sentence (and is then the only choice if nothing may follow). One per generation.
 */
public final class GrammarConstraint implements TokenConstraint {

    private final Vocabulary vocabulary;
    private final TokenTrie trie;
    private final Set<Integer> eosIds;
    private final boolean[] allowed;
    private GrammarState state;

    /**
     * @param grammar    what the output must be
     * @param vocabulary the model's tokens as bytes
     * @param eosIds     the ids that end the generation
     */
    public GrammarConstraint(Grammar grammar, Vocabulary vocabulary, Set<Integer> eosIds) {
        this.vocabulary = vocabulary;
        this.trie = TokenTrie.of(vocabulary);
        this.eosIds = eosIds;
        this.allowed = new boolean[vocabulary.size()];
        this.state = grammar.start();
    }

    /** @return a factory of constraints for {@code grammar}, for a {@code GenerationRequest} */
    public static TokenConstraint.Factory factory(Grammar grammar) {
        return (vocabulary, eos) -> new GrammarConstraint(grammar, vocabulary, eos);
    }

    @Override
    public void restrict(float[] scores) {
        Arrays.fill(allowed, false);
        if (state.canContinue()) {
            trie.allowed(state, allowed);
        }
        if (state.isComplete()) {
            for (int id : eosIds) {
                if (id >= 0 && id < allowed.length) {
                    allowed[id] = true;
                }
            }
        }
        int n = Math.min(scores.length, allowed.length);
        for (int i = 0; i < n; i++) {
            if (!allowed[i]) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
        for (int i = n; i < scores.length; i++) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
    }

    @Override
    public boolean checksOne() {
        return true;
    }

    /** The same verdict as {@link #restrict}'s mask, for one token: its bytes stepped through the grammar. */
    @Override
    public boolean allows(int token) {
        if (token < 0 || token >= allowed.length) {
            return false;
        }
        if (state.isComplete() && eosIds.contains(token)) {
            return true;
        }
        if (!state.canContinue()) {
            return false;
        }
        byte[] b = vocabulary.bytes(token);
        return b != null && b.length > 0 && !state.advance(b).isDead();
    }

    @Override
    public void accept(int token) {
        if (eosIds.contains(token)) {
            return;
        }
        byte[] b = vocabulary.bytes(token);
        state = b == null ? state.advance(new byte[0]) : state.advance(b);
    }

    /** @return whether the output so far is a whole sentence of the grammar */
    public boolean isComplete() {
        return state.isComplete();
    }
}
