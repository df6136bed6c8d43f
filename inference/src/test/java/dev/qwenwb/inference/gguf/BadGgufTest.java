package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad files get one line naming the file and what is wrong, as a {@link ModelLoadException}, and the process goes on
 * (the checks run in Java before llama.cpp sees the file; the last test loads a good model after all the bad ones).
 */
@RequiresLlamaCpp
class BadGgufTest {

    @TempDir
    Path dir;

    private static final EngineOptions OPTIONS = EngineOptions.defaults().withContextLength(64).withThreads(1);

    private static ModelLoadException loadFails(Path file) {
        ModelLoadException e = catchThrowableOfType(() -> GgufModel.load(file, OPTIONS), ModelLoadException.class);
        assertThat(e).as("loading " + file).isNotNull();
        assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        assertThat(e.file()).isEqualTo(file);
        return e;
    }

    @Test
    void aTruncatedFileIsNamedAsCutShort() throws IOException {
        Path good = TinyGgufs.tiny(GgmlType.Q8_0);
        Path cut = copyPrefix(good, dir.resolve("cut.gguf"), Files.size(good) - 1000); // the last tensor is short
        assertThat(loadFails(cut).getMessage()).contains("truncated: tensor").contains("was the download cut short?");
        Path inHeader = copyPrefix(good, dir.resolve("header.gguf"), 3_000_000); // inside the vocabulary
        assertThat(loadFails(inHeader).getMessage()).contains("truncated");
        Path tiny = dir.resolve("tiny.gguf");
        Files.write(tiny, new byte[] {'G', 'G', 'U', 'F', 3, 0});
        assertThat(loadFails(tiny).getMessage()).contains("truncated");
        Path headerOnly = copyPrefix(good, dir.resolve("first-kilobyte.gguf"), 1000);
        assertThat(loadFails(headerOnly).getMessage()).contains("truncated or corrupt").contains("cut short");
    }

    @Test
    void aFileThatIsNotGgufSaysWhatItStartsWith() throws IOException {
        Path f = dir.resolve("model.safetensors.gguf");
        Files.writeString(f, "{\"__metadata__\": {}} this is json");
        assertThat(loadFails(f).getMessage()).contains("not a GGUF file").contains("\"GGUF\"");
        Path empty = dir.resolve("empty.gguf");
        Files.write(empty, new byte[0]);
        assertThat(loadFails(empty).getMessage()).contains("not a GGUF file");
        assertThat(loadFails(dir.resolve("missing.gguf")).getMessage()).contains("no such file");
        assertThat(loadFails(dir).getMessage()).contains("is a folder");
    }

    @Test
    void versionsOtherThanTwoAndThreeAreRefused() throws IOException {
        Path v1 = dir.resolve("v1.gguf");
        new GgufWriter().version(1).put("general.architecture", "qwen2").write(v1);
        assertThat(loadFails(v1).getMessage()).contains("version 1 is not supported");
        Path big = dir.resolve("big-endian.gguf");
        new GgufWriter().version(Integer.reverseBytes(3)).write(big);
        assertThat(loadFails(big).getMessage()).contains("big-endian");
    }

    @Test
    void anotherArchitectureIsNamed() throws IOException {
        Path f = dir.resolve("llama.gguf");
        new GgufWriter().put("general.architecture", "llama").putU32("llama.block_count", 2).write(f);
        assertThat(loadFails(f).getMessage()).contains("architecture 'llama' is not supported")
                .contains("qwen2");
        Path none = dir.resolve("none.gguf");
        new GgufWriter().putU32("general.alignment", 32).write(none);
        assertThat(loadFails(none).getMessage()).contains("general.architecture is missing");
    }

    @Test
    void aMissingTensorOrAWrongShapeIsNamedBeforeLlamaCppSeesIt() throws IOException {
        Path f = dir.resolve("no-tensors.gguf");
        qwen2Header(new GgufWriter()).write(f);
        assertThat(loadFails(f).getMessage()).contains("tensor token_embd.weight is missing");
        Path wrong = dir.resolve("wrong-shape.gguf");
        qwen2Header(new GgufWriter()).tensor("token_embd.weight", new long[] {32, 8}, GgmlType.F32,
                os -> os.write(new byte[32 * 8 * 4])).write(wrong);
        assertThat(loadFails(wrong).getMessage()).contains("tensor token_embd.weight has dims [32, 8], expected [64, 8]");
        Path badType = dir.resolve("bad-type.gguf");
        qwen2Header(new GgufWriter()).tensor("token_embd.weight", new long[] {64, 8}, 77, 64,
                os -> os.write(new byte[64])).write(badType);
        assertThat(loadFails(badType).getMessage()).contains("ggml type 77");
    }

    @Test
    void aGoodFileStillLoadsAfterTheBadOnes() {
        try (GgufModel m = GgufModel.load(TinyGgufs.tiny(GgmlType.Q8_0), OPTIONS)) {
            assertThat(m.details().fileType()).isEqualTo("q8_0");
        }
    }

    private static Path copyPrefix(Path from, Path to, long bytes) throws IOException {
        try (var in = java.nio.channels.FileChannel.open(from);
             var out = java.nio.channels.FileChannel.open(to, java.nio.file.StandardOpenOption.CREATE_NEW,
                     java.nio.file.StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < bytes) {
                done += in.transferTo(done, bytes - done, out);
            }
        }
        return to;
    }

    /** A qwen2 header of hidden 64 and a vocabulary of 8 tokens, without tensors. */
    private static GgufWriter qwen2Header(GgufWriter w) {
        return w.put("general.architecture", "qwen2").putU32("qwen2.context_length", 128)
                .putU32("qwen2.embedding_length", 64).putU32("qwen2.block_count", 1)
                .putU32("qwen2.feed_forward_length", 128).putU32("qwen2.attention.head_count", 4)
                .putU32("qwen2.attention.head_count_kv", 2).putF32("qwen2.attention.layer_norm_rms_epsilon", 1e-6)
                .put("tokenizer.ggml.model", "gpt2")
                .putStrings("tokenizer.ggml.tokens", java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h"))
                .putStrings("tokenizer.ggml.merges", java.util.List.of("a b"));
    }
}
