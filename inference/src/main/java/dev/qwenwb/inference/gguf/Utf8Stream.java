package dev.qwenwb.inference.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the byte pieces of generated tokens into text without ever splitting a UTF-8 character: byte-level BPE cuts
 * one character (Chinese, emoji) across several tokens, so the bytes of an unfinished character at the end are held
 * until the next piece completes it. Bytes that can never become a character come out as U+FFFD, as a lossy UTF-8
 * decode gives them; {@link #flush()} emits whatever is still held (an unfinished character as U+FFFD). For valid
 * UTF-8 the deltas plus the flush are exactly the decode of all the bytes; in a run of bad bytes the number of
 * U+FFFD may differ from a decode of the whole (Java counts some, e.g. encoded surrogates, by where the input ends).
 * Not thread-safe.
 */
public final class Utf8Stream {

    private byte[] held = new byte[8];
    private int length;

    /**
     * Adds a piece.
     *
     * @param bytes the piece's bytes ({@code bytes[0, n)})
     * @return the text completed by it, possibly {@code ""}
     */
    public String push(byte[] bytes, int n) {
        if (length + n > held.length) {
            held = Arrays.copyOf(held, Math.max(2 * held.length, length + n));
        }
        System.arraycopy(bytes, 0, held, length, n);
        length += n;
        int complete = completePrefix(held, length);
        if (complete == 0) {
            return "";
        }
        String text = new String(held, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(held, complete, held, 0, length - complete);
        length -= complete;
        return text;
    }

    /** @return the held bytes as text (an unfinished character becomes U+FFFD); afterwards nothing is held */
    public String flush() {
        String text = new String(held, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    /** @return bytes held back (an unfinished character) */
    int held() {
        return length;
    }

    /**
     * The length of the prefix of {@code b[0, n)} that ends at a character boundary: all of it unless it ends with
     * the first 1 to 3 bytes of a multi-byte character whose remaining bytes may still come.
     */
    static int completePrefix(byte[] b, int n) {
        // look back at most 3 bytes for the lead byte of a character still missing continuation bytes
        for (int back = 1; back <= Math.min(3, n); back++) {
            int lead = b[n - back] & 0xFF;
            if (lead < 0x80) {
                return n; // ASCII: the end is a boundary
            }
            if (lead >= 0xC0) { // a lead byte
                int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                if (lead >= 0xF5 || lead == 0xC0 || lead == 0xC1) {
                    return n; // never valid: nothing to wait for
                }
                return back < need && validSoFar(b, n - back, back) ? n - back : n;
            }
            // a continuation byte: keep looking for its lead
        }
        return n;
    }

    /** Whether the {@code count} bytes at {@code start} (a lead byte and continuations) can still start a valid character. */
    private static boolean validSoFar(byte[] b, int start, int count) {
        int lead = b[start] & 0xFF;
        for (int i = 1; i < count; i++) {
            int c = b[start + i] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return false;
            }
        }
        if (count >= 2) { // the second byte's range is narrower after E0, ED, F0, F4 (no overlongs, surrogates, > U+10FFFF)
            int c = b[start + 1] & 0xFF;
            if ((lead == 0xE0 && c < 0xA0) || (lead == 0xED && c > 0x9F) || (lead == 0xF0 && c < 0x90)
                    || (lead == 0xF4 && c > 0x8F)) {
                return false;
            }
        }
        return true;
    }
}
