package dev.qwenwb.inference.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link Grammar} match stands after some bytes: the set of parse stacks still alive, as llama.cpp's grammar
 * keeps them. A stack is an immutable linked list of frames (a sequence and the position in it), so states share
 * their tails and stepping a byte never copies a whole stack. Each stack's top is a byte set (stacks are expanded
 * through rule references and finished sequences right after every step); an empty stack means the text so far is a
 * whole sentence of the grammar. Immutable.
 */
public final class GrammarState {

    /** Stacks kept at most: an ambiguous grammar cannot blow up a match. */
    private static final int MAX_STACKS = 256;

    /** A frame: the rest of {@code seq} from {@code pos}; {@code below} the frame it returns to (null = none). */
    private record Frame(Grammar.Symbol[] seq, int pos, Frame below) {
    }

    private static final Frame EMPTY = null;

    private final Grammar grammar;
    private final List<Frame> stacks; // each top frame points at a byte set; EMPTY (null) = complete
    private final boolean complete;

    private GrammarState(Grammar grammar, List<Frame> stacks) {
        this.grammar = grammar;
        this.stacks = stacks;
        boolean c = false;
        for (Frame f : stacks) {
            c |= f == EMPTY;
        }
        this.complete = c;
    }

    static GrammarState start(Grammar g) {
        List<Frame> out = new ArrayList<>();
        expandRule(g, g.root(), EMPTY, out, 0);
        return new GrammarState(g, out);
    }

    /** @return whether the bytes so far form a whole sentence (the output may end here) */
    public boolean isComplete() {
        return complete;
    }

    /** @return whether no continuation is possible (no byte, no end) */
    public boolean isDead() {
        return stacks.isEmpty();
    }

    /** @return whether some byte may come next */
    public boolean canContinue() {
        for (Frame f : stacks) {
            if (f != EMPTY) {
                return true;
            }
        }
        return false;
    }

    /** @return the state after byte {@code b}; {@link #isDead()} if the grammar does not allow it */
    public GrammarState advance(int b) {
        List<Frame> out = new ArrayList<>(Math.min(stacks.size(), 8));
        for (Frame f : stacks) {
            if (f == EMPTY) {
                continue;
            }
            Grammar.Bytes top = (Grammar.Bytes) f.seq[f.pos];
            if (top.matches(b)) {
                settle(grammar, new Frame(f.seq, f.pos + 1, f.below), out, 0);
                if (out.size() > MAX_STACKS) {
                    break;
                }
            }
        }
        return new GrammarState(grammar, out);
    }

    /** @return the state after these bytes (dead as soon as one is refused) */
    public GrammarState advance(byte[] bytes) {
        GrammarState s = this;
        for (int i = 0; i < bytes.length && !s.isDead(); i++) {
            s = s.advance(bytes[i] & 0xFF);
        }
        return s;
    }

    /** Brings a frame to a byte set on top: pops finished sequences, expands rule references. */
    private static void settle(Grammar g, Frame f, List<Frame> out, int depth) {
        if (depth > 200) {
            throw new IllegalStateException("grammar expands without consuming a byte (a left-recursive or empty loop)");
        }
        while (f != EMPTY && f.pos == f.seq.length) {
            f = f.below;
        }
        if (f == EMPTY) {
            if (!out.contains(EMPTY)) {
                out.add(EMPTY);
            }
            return;
        }
        Grammar.Symbol s = f.seq[f.pos];
        if (s instanceof Grammar.Bytes) {
            out.add(f);
        } else {
            // a reference in last place returns to nothing of its own: skip the finished frame, so right recursion
            // (chars ::= char chars) keeps the stack flat however long the match
            Frame after = f.pos + 1 == f.seq.length ? f.below : new Frame(f.seq, f.pos + 1, f.below);
            while (after != EMPTY && after.pos == after.seq.length) {
                after = after.below;
            }
            expandRule(g, ((Grammar.Ref) s).rule(), after, out, depth + 1);
        }
    }

    private static void expandRule(Grammar g, int rule, Frame below, List<Frame> out, int depth) {
        for (Grammar.Symbol[] alt : g.alternatives(rule)) {
            settle(g, new Frame(alt, 0, below), out, depth);
        }
    }
}
