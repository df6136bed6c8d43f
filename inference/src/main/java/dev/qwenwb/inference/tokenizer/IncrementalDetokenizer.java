package dev.qwenwb.inference.tokenizer;

import java.util.Arrays;

/**
 * Turns a stream of token ids into a stream of text deltas, as Hugging Face's {@code TextStreamer}
 * and TGI do: it re-decodes a short window of recent tokens and emits only the new suffix.
 *
 * <p>Byte-level BPE often cuts one character (Chinese, emoji) across several tokens; decoding the
 * first part alone gives U+FFFD. A trailing U+FFFD is therefore held back until the next token shows
 * whether it was half a character (it becomes the character) or really invalid bytes (it stays and is
 * emitted). {@link #flush()} emits whatever is still held. The deltas plus the flush always
 * concatenate to {@code decode(allIds)}.
 *
 * <p>The window is a prefix (the tokens of the previous delta, kept as context for the decoder), then
 * the tokens not yet emitted. It is at most {@value #MAX_WINDOW} tokens, so each push costs
 * O(window), however long the text. Not thread-safe: one instance per generation.
 */
public final class IncrementalDetokenizer {

    /** Largest window, in tokens; a held-back character spans at most 4 tokens (4 UTF-8 bytes). */
    static final int MAX_WINDOW = 8;
    /** Tokens kept when a window of invalid bytes is cut short: enough to hold an unfinished character. */
    private static final int KEEP_ON_CUT = 4;
    private static final char REPLACEMENT = '\uFFFD';

    private final QwenTokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private final StringBuilder text = new StringBuilder();

    private final int[] window = new int[2 * MAX_WINDOW]; // never more than MAX_WINDOW + 1 used
    private int length;      // tokens in window
    private int readOffset;  // window[0, readOffset) is the prefix, already emitted at a clean boundary
    private int emitted;     // chars of decode(window) already emitted (or belonging to the prefix)

    /**
     * Creates a detokenizer for one generated sequence.
     *
     * @param tokenizer the tokenizer that produced the ids
     * @param skipSpecialTokens drop special tokens ({@code <|im_end|>}, ...) from the text
     */
    public IncrementalDetokenizer(QwenTokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /**
     * Adds one token.
     *
     * @param id the token id just generated
     * @return the text this token completes, possibly {@code ""} (held back or a skipped special token)
     */
    public String push(int id) {
        window[length++] = id;
        String decoded = decodeWindow();
        boolean pending = endsWithReplacement(decoded);
        int stable = pending ? decoded.length() - 1 : decoded.length();
        String delta = stable > emitted ? decoded.substring(emitted, stable) : "";
        emitted = Math.max(emitted, stable);
        if (!pending) {
            // a clean boundary: the tokens since the last one become the prefix of the next window
            dropFirst(readOffset);
            readOffset = length;
            emitted = decodeWindow().length();
        } else if (length > MAX_WINDOW) {
            // invalid bytes keep the tail unfinished: keep only the tokens that can still finish a character
            dropFirst(length - KEEP_ON_CUT);
            readOffset = 0;
            String kept = decodeWindow();
            emitted = endsWithReplacement(kept) ? kept.length() - 1 : kept.length();
        }
        text.append(delta);
        return delta;
    }

    /**
     * Emits whatever is held back (an unfinished or invalid byte sequence, as U+FFFD) and starts afresh.
     *
     * @return the remaining text, possibly {@code ""}
     */
    public String flush() {
        String decoded = decodeWindow();
        String delta = decoded.length() > emitted ? decoded.substring(emitted) : "";
        length = 0;
        readOffset = 0;
        emitted = 0;
        text.append(delta);
        return delta;
    }

    /** @return all text emitted so far (by {@link #push} and {@link #flush}) */
    public String text() {
        return text.toString();
    }

    /** @return the number of tokens currently re-decoded per push */
    int windowSize() {
        return length;
    }

    private String decodeWindow() {
        return length == 0 ? "" : tokenizer.decode(window, 0, length, skipSpecialTokens);
    }

    private void dropFirst(int n) {
        System.arraycopy(window, n, window, 0, length - n);
        Arrays.fill(window, length - n, length, 0);
        length -= n;
    }

    private static boolean endsWithReplacement(String s) {
        return !s.isEmpty() && s.charAt(s.length() - 1) == REPLACEMENT;
    }
}
