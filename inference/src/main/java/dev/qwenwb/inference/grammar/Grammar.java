package dev.qwenwb.inference.grammar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A context-free grammar over bytes, the shape of llama.cpp's GBNF: rules of alternatives, each a sequence of byte
 * sets and references to rules. Built with {@link Builder}; matched byte by byte by {@link GrammarState}. Rules must
 * not be left-recursive (the builders here only write right recursion).
 */
public final class Grammar {

    /** One element of a sequence: a set of bytes, or a rule. */
    public sealed interface Symbol permits Bytes, Ref {
    }

    /** Any one byte of the set. */
    public record Bytes(BitSet set) implements Symbol {
        boolean matches(int b) {
            return set.get(b & 0xFF);
        }
    }

    /** The rule of this index. */
    public record Ref(int rule) implements Symbol {
    }

    private final List<Symbol[][]> rules; // rule → alternatives → sequence
    private final int root;

    private Grammar(List<Symbol[][]> rules, int root) {
        this.rules = rules;
        this.root = root;
    }

    Symbol[][] alternatives(int rule) {
        return rules.get(rule);
    }

    int root() {
        return root;
    }

    /** @return the state before any byte */
    public GrammarState start() {
        return GrammarState.start(this);
    }

    /** Builds a grammar rule by rule; a rule may be referred to before it is defined. */
    public static final class Builder {

        private final List<Symbol[][]> rules = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        /** @return a new rule (define it with {@link #define}) */
        public int rule(String name) {
            rules.add(null);
            names.add(name);
            return rules.size() - 1;
        }

        /** Defines {@code rule} as these alternatives (each a sequence made with the methods below). */
        public Builder define(int rule, List<List<Symbol>> alternatives) {
            Symbol[][] alts = new Symbol[alternatives.size()][];
            for (int i = 0; i < alts.length; i++) {
                alts[i] = alternatives.get(i).toArray(new Symbol[0]);
            }
            rules.set(rule, alts);
            return this;
        }

        /** @return a new rule defined as these alternatives */
        public int rule(String name, List<List<Symbol>> alternatives) {
            int r = rule(name);
            define(r, alternatives);
            return r;
        }

        /** @return the sequence of this literal text's UTF-8 bytes */
        public static List<Symbol> literal(String text) {
            List<Symbol> seq = new ArrayList<>();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                BitSet s = new BitSet(256);
                s.set(b & 0xFF);
                seq.add(new Bytes(s));
            }
            return seq;
        }

        /** @return one byte of {@code from..to} (inclusive) */
        public static Symbol range(int from, int to) {
            BitSet s = new BitSet(256);
            s.set(from, to + 1);
            return new Bytes(s);
        }

        /** @return one byte of the set */
        public static Symbol bytes(BitSet set) {
            return new Bytes((BitSet) set.clone());
        }

        /** @return a reference to {@code rule} */
        public static Symbol ref(int rule) {
            return new Ref(rule);
        }

        /** @return a sequence of these parts (symbols or lists of symbols) */
        public static List<Symbol> seq(Object... parts) {
            List<Symbol> out = new ArrayList<>();
            for (Object p : parts) {
                if (p instanceof Symbol s) {
                    out.add(s);
                } else if (p instanceof List<?> l) {
                    for (Object o : l) {
                        out.add((Symbol) o);
                    }
                } else if (p instanceof String text) {
                    out.addAll(literal(text));
                } else {
                    throw new IllegalArgumentException("not a grammar part: " + p);
                }
            }
            return out;
        }

        /** @return the grammar whose start rule is {@code root} */
        public Grammar build(int root) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i) == null) {
                    throw new IllegalStateException("grammar rule " + names.get(i) + " is never defined");
                }
            }
            return new Grammar(List.copyOf(rules), root);
        }
    }
}
