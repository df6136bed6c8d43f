package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Byte pieces to text: a character cut across pieces comes out whole, once; bad bytes as U+FFFD. */
class Utf8StreamTest {

    @Test
    void aCharacterCutAcrossPiecesIsHeldUntilItIsWhole() {
        byte[] kuai = "快".getBytes(StandardCharsets.UTF_8); // E5 BF AB
        Utf8Stream s = new Utf8Stream();
        assertThat(s.push(new byte[] {'a', kuai[0]}, 2)).isEqualTo("a");
        assertThat(s.push(new byte[] {kuai[1]}, 1)).isEmpty();
        assertThat(s.held()).isEqualTo(2);
        assertThat(s.push(new byte[] {kuai[2], 'b'}, 2)).isEqualTo("快b");
        byte[] emoji = "🤗".getBytes(StandardCharsets.UTF_8);
        assertThat(s.push(emoji, 3)).isEmpty();
        assertThat(s.push(new byte[] {emoji[3]}, 1)).isEqualTo("🤗");
        assertThat(s.flush()).isEmpty();
    }

    @Test
    void bytesThatCanNeverBecomeACharacterAreNotHeld() {
        Utf8Stream s = new Utf8Stream();
        assertThat(s.push(new byte[] {(byte) 0xFF}, 1)).isEqualTo("\uFFFD");
        assertThat(s.push(new byte[] {(byte) 0xE0, (byte) 0x80}, 2)).isEqualTo("\uFFFD\uFFFD"); // overlong start
        assertThat(s.push(new byte[] {(byte) 0xE4}, 1)).isEmpty();
        assertThat(s.flush()).isEqualTo("\uFFFD"); // unfinished at the end
    }

    @Test
    void anySplitAddsUpToTheDecodeOfTheWholeAndBadBytesToReplacements() {
        SplittableRandom r = new SplittableRandom(5);
        String[] samples = {"写一个快速排序 quicksort 🤗\n", "ascii only", "ÄÖÜ €100 𝄞"};
        for (int trial = 0; trial < 2000; trial++) {
            byte[] all;
            if (trial % 2 == 0) {
                all = samples[trial % samples.length].getBytes(StandardCharsets.UTF_8);
            } else {
                all = new byte[r.nextInt(1, 24)];
                for (int i = 0; i < all.length; i++) {
                    all[i] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256)); // many continuation bytes
                }
            }
            Utf8Stream s = new Utf8Stream();
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < all.length) {
                int n = Math.min(all.length - i, r.nextInt(1, 5));
                byte[] piece = java.util.Arrays.copyOfRange(all, i, i + n);
                String delta = s.push(piece, n);
                if (trial % 2 == 0) {
                    assertThat(delta).doesNotContain("\uFFFD"); // valid text is never cut inside a character
                }
                out.append(delta);
                i += n;
            }
            out.append(s.flush());
            String whole = new String(all, StandardCharsets.UTF_8);
            if (trial % 2 == 0) {
                assertThat(out.toString()).isEqualTo(whole);
            } else { // Java's lossy decode counts the U+FFFD of some bad runs (surrogates) by where input ends
                assertThat(collapse(out.toString())).as("trial " + trial).isEqualTo(collapse(whole));
            }
        }
    }

    private static String collapse(String s) {
        return s.replaceAll("\uFFFD+", "\uFFFD");
    }
}
