package dev.qwenwb.inference.tokenizer;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's byte-level alphabet, which Qwen2.5's BPE vocabulary is written in: each byte is shown as one printable
 * character ({@code bytes_to_unicode} in GPT-2's encoder.py; e.g. a space is {@code Ġ}, U+0120).
 */
final class ByteLevel {

    private ByteLevel() {
    }

    /** @return for each character below U+0144, the byte it stands for, or -1 */
    static int[] unicodeToByte() {
        int[] map = new int[0x144];
        java.util.Arrays.fill(map, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable) {
                map[b] = b;
            } else {
                map[256 + n++] = b;
            }
        }
        return map;
    }

    /** @return the bytes a byte-level token string stands for ({@code null} if it has a foreign character) */
    static byte[] bytes(String token, int[] unicodeToByte) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= unicodeToByte.length || unicodeToByte[c] < 0) {
                return null;
            }
            out.write(unicodeToByte[c]);
        }
        return out.toByteArray();
    }
}
