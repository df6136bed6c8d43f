package dev.qwenwb.inference.grammar;

import dev.qwenwb.inference.generate.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A vocabulary's tokens in a trie of their bytes, so a grammar is stepped once per distinct prefix instead of once
 * per token and byte: tokens that begin with bytes the grammar refuses are all cut off at that byte. Built once per
 * vocabulary (cached); immutable.
 */
final class TokenTrie {

    private static final Map<Vocabulary, TokenTrie> CACHE = new WeakHashMap<>();

    // node n's children are childByte/childNode[childStart[n] .. childStart[n + 1]); its tokens likewise
    private final int[] childStart;
    private final byte[] childByte;
    private final int[] childNode;
    private final int[] tokenStart;
    private final int[] tokens;

    private TokenTrie(int[] childStart, byte[] childByte, int[] childNode, int[] tokenStart, int[] tokens) {
        this.childStart = childStart;
        this.childByte = childByte;
        this.childNode = childNode;
        this.tokenStart = tokenStart;
        this.tokens = tokens;
    }

    static TokenTrie of(Vocabulary vocabulary) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(vocabulary, TokenTrie::build);
        }
    }

    private static TokenTrie build(Vocabulary v) {
        // a node's children as a small growable list of (byte, node), built breadth-unaware, then flattened
        List<int[]> kids = new ArrayList<>();      // node → packed (byte << 24 | child) entries
        List<int[]> ends = new ArrayList<>();      // node → token ids
        int[] kidCount = new int[1 << 10];
        int[] endCount = new int[1 << 10];
        kids.add(new int[2]);
        ends.add(new int[0]);
        for (int id = 0; id < v.size(); id++) {
            byte[] b = v.bytes(id);
            if (b == null || b.length == 0) {
                continue;
            }
            int node = 0;
            for (byte x : b) {
                int found = -1;
                int[] k = kids.get(node);
                for (int i = 0; i < kidCount[node]; i++) {
                    if ((byte) (k[i] >>> 24) == x) {
                        found = k[i] & 0xFFFFFF;
                        break;
                    }
                }
                if (found < 0) {
                    found = kids.size();
                    kids.add(new int[2]);
                    ends.add(new int[0]);
                    if (found >= kidCount.length) {
                        kidCount = Arrays.copyOf(kidCount, kidCount.length * 2);
                        endCount = Arrays.copyOf(endCount, endCount.length * 2);
                    }
                    if (kidCount[node] == k.length) {
                        k = Arrays.copyOf(k, k.length * 2);
                        kids.set(node, k);
                    }
                    k[kidCount[node]++] = ((x & 0xFF) << 24) | found;
                }
                node = found;
            }
            int[] e = ends.get(node);
            if (endCount[node] == e.length) {
                e = Arrays.copyOf(e, Math.max(1, e.length * 2));
                ends.set(node, e);
            }
            e[endCount[node]++] = id;
        }
        int n = kids.size();
        int[] childStart = new int[n + 1];
        int[] tokenStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            childStart[i + 1] = childStart[i] + kidCount[i];
            tokenStart[i + 1] = tokenStart[i] + endCount[i];
        }
        byte[] childByte = new byte[childStart[n]];
        int[] childNode = new int[childStart[n]];
        int[] tokens = new int[tokenStart[n]];
        for (int i = 0; i < n; i++) {
            int[] k = kids.get(i);
            for (int j = 0; j < kidCount[i]; j++) {
                childByte[childStart[i] + j] = (byte) (k[j] >>> 24);
                childNode[childStart[i] + j] = k[j] & 0xFFFFFF;
            }
            System.arraycopy(ends.get(i), 0, tokens, tokenStart[i], endCount[i]);
        }
        return new TokenTrie(childStart, childByte, childNode, tokenStart, tokens);
    }

    /** Marks in {@code allowed} every token whose bytes the grammar accepts from {@code state}. */
    void allowed(GrammarState state, boolean[] allowed) {
        for (int i = childStart[0]; i < childStart[1]; i++) {
            walk(childNode[i], state.advance(childByte[i] & 0xFF), allowed);
        }
    }

    private void walk(int node, GrammarState state, boolean[] allowed) {
        if (state.isDead()) {
            return;
        }
        for (int i = tokenStart[node]; i < tokenStart[node + 1]; i++) {
            allowed[tokens[i]] = true;
        }
        for (int i = childStart[node]; i < childStart[node + 1]; i++) {
            walk(childNode[i], state.advance(childByte[i] & 0xFF), allowed);
        }
    }
}
