package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.gguf.GgufWriter;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny model's GGUF with one hostile change each, as a careless converter or an attacker would make it: every
 * one that llama.cpp would abort the process on, fail to load with only its log to say why, or load into garbage is
 * refused in Java first, with one line naming the file and the key or tensor. (A file that reached llama.cpp's
 * assertions would end this JVM and the test run with it.)
 */
@RequiresLlamaCpp
class HostileGgufTest {

    @TempDir
    Path dir;

    private static final EngineOptions OPTIONS = EngineOptions.defaults().withContextLength(64).withThreads(1);

    private String refused(String name, Consumer<GgufWriter> tweak) throws IOException {
        Path file = TinyGgufs.hostile(GgmlType.F32, dir.resolve(name + ".gguf"), tweak);
        ModelLoadException e = catchThrowableOfType(() -> GgufModel.load(file, OPTIONS), ModelLoadException.class);
        assertThat(e).as("loading " + file).isNotNull();
        assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n").doesNotContain("\u001b");
        return e.getMessage();
    }

    private static Consumer<GgufWriter> tokens(Consumer<List<String>> change) {
        return w -> w.override("tokenizer.ggml.tokens", (ww, v) -> {
            @SuppressWarnings("unchecked")
            List<String> t = new ArrayList<>((List<String>) v);
            change.accept(t);
            ww.putStrings("tokenizer.ggml.tokens", t);
        });
    }

    @Test
    void aVocabularyThatRepeatsATokenIsRefused() throws IOException {
        assertThat(refused("repeat", tokens(t -> t.set(101, t.get(100)))))
                .contains("tokenizer.ggml.tokens: token 101 has the same text as token 100");
        assertThat(refused("im-start-as-im-end", tokens(t -> t.set(t.indexOf("<|im_start|>"), "<|im_end|>"))))
                .contains("tokenizer.ggml.tokens").contains("'<|im_end|>'");
        assertThat(refused("two-empty", tokens(t -> {
            t.set(5, "[EMPTY_6]");
            t.set(6, "");
        })))
                .contains("token 6 has the same text as token 5");
    }

    @Test
    void aVocabularyLongerThanTheFileOrThanAnyIsRefusedBeforeItIsRead() throws IOException {
        assertThat(refused("count-beyond-file", w -> w.override("tokenizer.ggml.tokens",
                (ww, v) -> ww.putStringArrayHead("tokenizer.ggml.tokens", 1L << 40))))
                .contains("array tokenizer.ggml.tokens declares 1099511627776 elements, more than the");
        // 8 bytes a token fit in this 40 MB file, but no vocabulary is that large: refused before a table is sized
        assertThat(refused("count-huge", w -> w.override("tokenizer.ggml.tokens",
                (ww, v) -> ww.putStringArrayHead("tokenizer.ggml.tokens", GgufFile.MAX_TOKENS + 1L))))
                .contains("tokenizer.ggml.tokens has " + (GgufFile.MAX_TOKENS + 1) + " tokens, more than "
                        + GgufFile.MAX_TOKENS);
    }

    @Test
    void theAlignmentMustBeAUint32PowerOfTwo() throws IOException {
        for (int type : new int[] {GgufFile.TYPE_UINT64, GgufFile.TYPE_INT32, GgufFile.TYPE_UINT16}) {
            assertThat(refused("alignment-" + type, w -> w.override("general.alignment",
                    (ww, v) -> ww.putInteger("general.alignment", type, 32))))
                    .contains("general.alignment is stored as " + GgufFile.typeName(type) + ", expected a uint32");
        }
        assertThat(refused("alignment-string", w -> w.override("general.alignment",
                (ww, v) -> ww.put("general.alignment", "32"))))
                .contains("general.alignment is stored as string, expected a uint32");
    }

    @Test
    void tensorsLlamaCppWouldNotTakeAreNamed() throws IOException {
        assertThat(refused("extra-tensor", w -> w.tensor("blk.0.extra.weight", new long[] {64}, GgmlType.F32,
                os -> os.write(new byte[256]))))
                .contains("tensor blk.0.extra.weight is not part of a qwen2 model");
        assertThat(refused("f16-over-f32", w -> w.retype("blk.0.attn_q.weight", GgmlType.F16)))
                .contains("corrupt GGUF header: tensor").contains("expected")
                .contains("are the tensor types or sizes wrong?");
    }

    @Test
    void theVocabularyArraysAndThePreTokenizerAreChecked() throws IOException {
        assertThat(refused("short-token-type", w -> w.override("tokenizer.ggml.token_type",
                (ww, v) -> ww.putInts("tokenizer.ggml.token_type", Arrays.copyOf((int[]) v, 1000)))))
                .contains("tokenizer.ggml.token_type has 1000 entries, expected one per token");
        assertThat(refused("unknown-pre", w -> w.override("tokenizer.ggml.pre",
                (ww, v) -> ww.put("tokenizer.ggml.pre", "qwen9"))))
                .contains("tokenizer.ggml.pre is 'qwen9', a pre-tokenizer this build of llama.cpp does not know");
        assertThat(refused("merges-as-ints", w -> w.override("tokenizer.ggml.merges",
                (ww, v) -> ww.putInts("tokenizer.ggml.merges", new int[] {1, 2}))))
                .contains("tokenizer.ggml.merges is an array of 2 int32, expected an array of string");
    }

    @Test
    void hyperparametersThatLoadIntoGarbageAreRefused() throws IOException {
        assertThat(refused("yarn-minus-one", w -> w.put("qwen2.rope.scaling.type", "yarn")
                .putF32("qwen2.rope.scaling.factor", -1)))
                .contains("qwen2.rope.scaling.factor is -1.0, expected 0 (none) or a positive factor");
        assertThat(refused("eps-infinite", w -> w.override("qwen2.attention.layer_norm_rms_epsilon",
                (ww, v) -> ww.putF32("qwen2.attention.layer_norm_rms_epsilon", Double.parseDouble("1e999")))))
                .contains("qwen2.attention.layer_norm_rms_epsilon is Infinity, expected a finite number");
        assertThat(refused("rope-type", w -> w.put("qwen2.rope.scaling.type", "sideways")))
                .contains("qwen2.rope.scaling.type is 'sideways', expected one of");
        assertThat(refused("sampling-temp", w -> w.putF32("general.sampling.temp", -1)))
                .contains("general.sampling.temp is float32 -1.0, expected a number >= 0");
        assertThat(refused("sampling-top-p", w -> w.putF32("general.sampling.top_p", Double.NaN)))
                .contains("general.sampling.top_p is float32 NaN, expected a number in (0, 1]");
    }

    @Test
    void keysOfAnotherTypeNameTheTypeAndTheKey() throws IOException {
        assertThat(refused("eos-string", w -> w.override("tokenizer.ggml.eos_token_id",
                (ww, v) -> ww.put("tokenizer.ggml.eos_token_id", String.valueOf(v)))))
                .contains("tokenizer.ggml.eos_token_id is the string '").contains("', expected a uint32");
        assertThat(refused("context-u64", w -> w.override("qwen2.context_length",
                (ww, v) -> ww.putInteger("qwen2.context_length", GgufFile.TYPE_UINT64, (Long) v))))
                .contains("qwen2.context_length is uint64 ").contains(", expected a uint32");
    }

    @Test
    void escapeCodesFromTheFileDoNotReachTheTerminal() throws IOException {
        assertThat(refused("ansi", w -> w.override("general.architecture",
                (ww, v) -> ww.put("general.architecture", "\u001b[2J\u001b[31mqwen2\u001b[0m\nforged line"))))
                .contains("architecture '\\u001b[2J\\u001b[31mqwen2\\u001b[0m\\u000aforged line' is not supported");
    }

    @Test
    void theUntouchedFixtureStillLoads() throws IOException {
        Path file = TinyGgufs.hostile(GgmlType.F32, dir.resolve("plain.gguf"), w -> { });
        try (GgufModel m = GgufModel.load(file, OPTIONS)) {
            assertThat(m.details().fileType()).isEqualTo("f32");
        }
    }
}
