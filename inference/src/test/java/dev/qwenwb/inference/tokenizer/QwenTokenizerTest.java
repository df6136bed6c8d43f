package dev.qwenwb.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.stream.IntStream;

class QwenTokenizerTest {

    @TempDir
    static Path dir;

    private static Path json;
    private static QwenTokenizer tokenizer;

    @BeforeAll
    static void load() {
        json = TokenizerFixture.copyTo(dir);
        tokenizer = QwenTokenizer.load(json);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void encodesPlainTextToPublishedIds() {
        assertThat(tokenizer.encode("Hello world")).containsExactly(9707, 1879);
        // transformers output for a Qwen2.5 tokenizer, add_special_tokens=False, as quoted in a public Java port's test
        assertThat(tokenizer.encode(" hello sir. How are you Edward?"))
                .containsExactly(23811, 27048, 13, 2585, 525, 498, 21891, 30);
    }

    @Test
    void encodesTransformersIntegrationSequences() {
        // transformers tests/models/qwen2/test_tokenization_qwen2.py, test_tokenizer_integration (padding removed)
        assertThat(tokenizer.encode("Transformers (formerly known as pytorch-transformers and pytorch-pretrained-bert)"
                + " provides general-purpose architectures (BERT, GPT-2, RoBERTa, XLM, DistilBert, XLNet...) for Natural"
                + " Language Understanding (NLU) and Natural Language Generation (NLG) with over 32+ pretrained models in"
                + " 100+ languages and deep interoperability between Jax, PyTorch and TensorFlow."))
                .containsExactly(8963, 388, 320, 69514, 3881, 438, 4510, 27414, 32852, 388, 323, 4510, 27414, 21334,
                        35722, 1455, 529, 8, 5707, 4586, 58238, 77235, 320, 61437, 11, 479, 2828, 12, 17, 11, 11830,
                        61437, 64, 11, 1599, 10994, 11, 27604, 321, 33, 529, 11, 29881, 6954, 32574, 369, 18448, 11434,
                        45451, 320, 45, 23236, 8, 323, 18448, 11434, 23470, 320, 30042, 38, 8, 448, 916, 220, 18, 17,
                        10, 80669, 4119, 304, 220, 16, 15, 15, 10, 15459, 323, 5538, 94130, 2897, 1948, 619, 706, 11,
                        5355, 51, 21584, 323, 94986, 13);
        assertThat(tokenizer.encode("🤗 Transformers 提供了可以轻松地下载并且训练先进的预训练模型的 API 和工具。"
                + "使用预训练模型可以减少计算消耗和碳排放，并且节省从头训练所需要的时间和资源。"))
                .containsExactly(144834, 80532, 93685, 83744, 34187, 73670, 104261, 29490, 62189, 103937, 104034,
                        102830, 98841, 104034, 104949, 9370, 5333, 58143, 102011, 1773, 37029, 98841, 104034, 104949,
                        73670, 101940, 100768, 104997, 33108, 100912, 105054, 90395, 100136, 106831, 45181, 64355,
                        104034, 113521, 101975, 33108, 85329, 1773);
        assertThat(tokenizer.encode("```python\ntokenizer = AutoTokenizer.from_pretrained(\"Qwen/Qwen-tokenizer\")\n"
                + "tokenizer(\"世界，你好！\")```"))
                .containsExactly(73594, 12669, 198, 85593, 284, 8979, 37434, 6387, 10442, 35722, 445, 48, 16948,
                        45274, 16948, 34841, 3135, 1138, 85593, 445, 99489, 3837, 108386, 6313, 899, 73594);
    }

    @Test
    void specialTokensWrittenInTextBecomeSingleIds() {
        // rtp-llm's Qwen2 tokenizer test: "<|im_start|>hello<|im_end|>" -> [151644, 14990, 151645]
        assertThat(tokenizer.encode("<|im_start|>hello<|im_end|>")).containsExactly(151644, 14990, 151645);
        String[] names = {"<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<|fim_middle|>",
            "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"};
        int[] ids = {151643, 151644, 151645, 151659, 151660, 151661, 151662, 151663, 151664};
        for (int i = 0; i < names.length; i++) {
            assertThat(tokenizer.encode(names[i])).as(names[i]).containsExactly(ids[i]);
            assertThat(tokenizer.tokenId(names[i])).as(names[i]).hasValue(ids[i]);
        }
        assertThat(tokenizer.encode("<|repo_name|>qwen<|file_sep|>a.py\n<|fim_prefix|>x<|fim_suffix|>y<|fim_middle|>"))
                .startsWith(151663).contains(151664, 151659, 151661).endsWith(151660);
    }

    @Test
    void addsNoBosOrEosOfItsOwn() {
        int[] ids = tokenizer.encode("Hi");
        assertThat(ids).hasSize(1).doesNotContain(151643, 151644, 151645);
        assertThat(tokenizer.encode("")).isEmpty();
    }

    @Test
    void looksUpTokensAndKnowsTheVocabularySize() {
        assertThat(tokenizer.vocabSize()).isEqualTo(151_665);
        assertThat(tokenizer.tokenId("Hello")).hasValue(9707);
        assertThat(tokenizer.tokenId("Ġworld")).hasValue(1879);
        assertThat(tokenizer.tokenId("no such token, surely")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void specialMeansTheAddedTokensMarkedSpecial() {
        assertThat(IntStream.rangeClosed(151643, 151656)).allMatch(tokenizer::isSpecial);
        // tool-call, FIM and repo tokens are added but not special: they stay in decoded text
        assertThat(IntStream.rangeClosed(151657, 151664)).noneMatch(tokenizer::isSpecial);
        assertThat(tokenizer.isSpecial(9707)).isFalse();
        assertThat(tokenizer.isSpecial(-1)).isFalse();
        assertThat(tokenizer.isSpecial(200_000)).isFalse();
    }

    @Test
    void decodeKeepsOrSkipsSpecialTokens() {
        int[] ids = {151644, 14990, 151645};
        assertThat(tokenizer.decode(ids, false)).isEqualTo("<|im_start|>hello<|im_end|>");
        assertThat(tokenizer.decode(ids, true)).isEqualTo("hello");
        assertThat(tokenizer.decode(tokenizer.encode("<|fim_prefix|>a"), true)).isEqualTo("<|fim_prefix|>a");
    }

    @Test
    void roundTripsChineseEmojiAndCode() {
        String text = "写一个快速排序 🤖👍🏽 café\n```java\nint[] a = {3, 1, 2}; // 排序\nArrays.sort(a);\n```\n"
                + "\t  spaces  and tabs\r\n";
        assertThat(tokenizer.decode(tokenizer.encode(text), false)).isEqualTo(text);
        assertThat(tokenizer.decode(tokenizer.encode(text), true)).isEqualTo(text);
    }

    @Test
    void normalisesToNfc() {
        String nfd = "\u03d2\u0301\u03d2\u0308\u017f\u0307e\u0301";
        String decoded = tokenizer.decode(tokenizer.encode(nfd), false);
        assertThat(decoded).isEqualTo(Normalizer.normalize(nfd, Normalizer.Form.NFC)).isEqualTo("\u03d3\u03d4\u1e9b\u00e9");
    }

    @Test
    void doesNotTruncateLongText() {
        String text = " hello".repeat(10_000);
        int[] ids = tokenizer.encode(text);
        assertThat(ids).hasSize(10_000);
        assertThat(Arrays.stream(ids).distinct()).containsExactly(23811);
        assertThat(tokenizer.decode(ids, false)).isEqualTo(text);
    }

    @Test
    void loadsFromTheFolderToo() {
        try (QwenTokenizer t = QwenTokenizer.load(dir)) {
            assertThat(t.encode("Hello world")).containsExactly(9707, 1879);
            assertThat(t.source()).isEqualTo(json);
        }
    }

    @Test
    void missingFileIsAClearError(@TempDir Path empty) {
        Path missing = empty.resolve("tokenizer.json");
        assertThatThrownBy(() -> QwenTokenizer.load(missing))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void truncatedFileIsAClearError(@TempDir Path tmp) throws Exception {
        byte[] all = Files.readAllBytes(json);
        Path bad = tmp.resolve("tokenizer.json");
        Files.write(bad, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> QwenTokenizer.load(bad))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(bad.toString());
    }

    @Test
    void jsonThatIsNoTokenizerIsAClearError(@TempDir Path tmp) throws Exception {
        Path notTokenizer = tmp.resolve("config.json");
        Files.writeString(notTokenizer, "{\"architectures\": [\"Qwen2ForCausalLM\"]}");
        assertThatThrownBy(() -> QwenTokenizer.load(notTokenizer))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(notTokenizer.toString());

        Path halfTokenizer = tmp.resolve("half.json");
        Files.writeString(halfTokenizer, "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {\"a\": 0}}}");
        assertThatThrownBy(() -> QwenTokenizer.load(halfTokenizer))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(halfTokenizer.toString());

        Path binary = tmp.resolve("weights.json");
        Files.write(binary, "\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> QwenTokenizer.load(binary))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(binary.toString());
    }
}
