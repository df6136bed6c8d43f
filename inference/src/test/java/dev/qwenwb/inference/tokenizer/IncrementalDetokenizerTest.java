package dev.qwenwb.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

class IncrementalDetokenizerTest {

    private static final String FFFD = "\uFFFD";

    @TempDir
    static Path dir;

    private static QwenTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = QwenTokenizer.load(TokenizerFixture.copyTo(dir));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** Pushes ids one by one; returns the deltas, the flush last. Checks the invariants on the way. */
    private static List<String> stream(int[] ids, boolean skipSpecial) {
        IncrementalDetokenizer detok = new IncrementalDetokenizer(tokenizer, skipSpecial);
        List<String> deltas = new ArrayList<>();
        for (int id : ids) {
            deltas.add(detok.push(id));
            assertThat(detok.windowSize()).isLessThanOrEqualTo(IncrementalDetokenizer.MAX_WINDOW + 1);
        }
        deltas.add(detok.flush());
        String all = String.join("", deltas);
        assertThat(all).isEqualTo(tokenizer.decode(ids, skipSpecial));
        assertThat(detok.text()).isEqualTo(all);
        return deltas;
    }

    private static int byteId(int b) {
        return tokenizer.tokenId(TokenizerFixture.byteToken(b)).orElseThrow();
    }

    @Test
    void chineseSplitAcrossTokensNeverShowsReplacementCharacters() {
        assertStreamsCleanly("写一个快速排序");
    }

    @Test
    void emojiWithSkinToneNeverShowsReplacementCharacters() {
        assertStreamsCleanly("🤖👍🏽");
    }

    @Test
    void everyCharacterSplitIntoSingleByteTokens() {
        String text = "写一个快速排序 🤖👍🏽";
        int[] ids = text.codePoints()
                .mapToObj(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8))
                .flatMapToInt(bytes -> IntStream.range(0, bytes.length).map(i -> byteId(bytes[i] & 0xFF)))
                .toArray();
        assertThat(ids).hasSize(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(tokenizer.decode(new int[] {ids[0]}, false)).isEqualTo(FFFD); // the case being tested
        List<String> deltas = stream(ids, false);
        assertThat(deltas).noneMatch(d -> d.contains(FFFD));
        assertThat(String.join("", deltas)).isEqualTo(text);
        assertThat(deltas.subList(0, 3)).containsExactly("", "", "写");
    }

    @Test
    void mixedCodeAndProse() {
        assertStreamsCleanly("下面是快速排序 🤖:\n```python\ndef quick_sort(xs):\n    \"\"\"排序\"\"\"\n"
                + "    return xs if len(xs) < 2 else quick_sort([x for x in xs[1:] if x < xs[0]]) + [xs[0]]\n```\n👍🏽 完成！");
    }

    private static void assertStreamsCleanly(String text) {
        List<String> deltas = stream(tokenizer.encode(text), false);
        assertThat(deltas).noneMatch(d -> d.contains(FFFD));
        assertThat(String.join("", deltas)).isEqualTo(text);
        assertThat(deltas.get(deltas.size() - 1)).as("nothing left for flush").isEmpty();
    }

    @Test
    void specialTokensAreKeptOrSkipped() {
        int[] ids = tokenizer.encode("<|im_start|>assistant\n你好👋<|im_end|>");
        assertThat(String.join("", stream(ids, false))).isEqualTo("<|im_start|>assistant\n你好👋<|im_end|>");
        assertThat(String.join("", stream(ids, true))).isEqualTo("assistant\n你好👋");
    }

    @Test
    void aLoneInvalidByteComesOutOnFlush() {
        IncrementalDetokenizer detok = new IncrementalDetokenizer(tokenizer, false);
        assertThat(detok.push(tokenizer.encode("ok")[0])).isEqualTo("ok");
        assertThat(detok.push(byteId(0xE5))).isEmpty(); // could be the start of a CJK character
        assertThat(detok.flush()).isEqualTo(FFFD);
        assertThat(detok.text()).isEqualTo("ok" + FFFD);
    }

    @Test
    void anInvalidByteIsEmittedOnceTheNextTokenProvesIt() {
        IncrementalDetokenizer detok = new IncrementalDetokenizer(tokenizer, false);
        assertThat(detok.push(byteId(0xE5))).isEmpty();
        assertThat(detok.push(tokenizer.tokenId("A").orElseThrow())).isEqualTo(FFFD + "A");
        assertThat(detok.flush()).isEmpty();
    }

    @Test
    void aLongRunOfInvalidBytesStreamsOutInABoundedWindow() {
        int[] ids = new int[100];
        Arrays.fill(ids, byteId(0xE5));
        List<String> deltas = stream(ids, false);
        assertThat(String.join("", deltas)).isEqualTo(FFFD.repeat(100));
        assertThat(String.join("", deltas.subList(0, 100))).as("emitted before the flush").hasSize(99);
    }

    @Test
    void aCharacterFinishedAfterAWindowCutIsStillWhole() {
        // ten invalid bytes force the window to be cut, then 🤖 (F0 9F A4 96) arrives one byte per token
        int[] ids = new int[15];
        Arrays.fill(ids, 0, 10, byteId(0xE5));
        ids[10] = byteId(0xF0);
        ids[11] = byteId(0x9F);
        ids[12] = byteId(0xA4);
        ids[13] = byteId(0x96);
        ids[14] = tokenizer.tokenId("A").orElseThrow();
        List<String> deltas = stream(ids, false);
        assertThat(String.join("", deltas)).isEqualTo(FFFD.repeat(10) + "🤖A");
        // the last E5 is proven invalid by F0, which is held until its character is complete
        assertThat(deltas.subList(10, 16)).containsExactly(FFFD, "", "", "🤖", "A", "");
    }

    @Test
    void costPerTokenDoesNotGrowWithTheText() {
        String text = "写一个快速排序 🤖👍🏽 for (int i = 0; i < n; i++) { sum += a[i]; }\n".repeat(300);
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).isGreaterThan(5_000);
        assertThat(String.join("", stream(ids, false))).isEqualTo(text);
    }
}
