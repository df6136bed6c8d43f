package dev.qwenwb.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java GGUF reader: values of each kind, tensor infos and offsets, and what it says about the tiny fixture. */
class GgufFileTest {

    @TempDir
    Path dir;

    @Test
    void readsValuesTensorsAndTheDataOffset() throws Exception {
        Path f = dir.resolve("values.gguf");
        new GgufWriter().put("general.architecture", "qwen2").putU32("answer", 42).putF32("pi", 3.25)
                .putBool("yes", true).putStrings("few", List.of("a", "béta", "<|im_end|>"))
                .putInts("ints", new int[] {-1, 7})
                .tensor("w", new long[] {32, 3}, GgmlType.Q8_0, os -> os.write(new byte[3 * 34]))
                .tensor("b", new long[] {5}, GgmlType.F32, os -> os.write(new byte[20]))
                .write(f);
        GgufFile g = GgufFile.read(f);
        assertThat(g.version()).isEqualTo(3);
        assertThat(g.string("general.architecture")).contains("qwen2");
        assertThat(g.integer("answer")).isEqualTo(42);
        assertThat(g.number("pi", 0)).isEqualTo(3.25);
        assertThat(g.metadata().get("yes")).isEqualTo(true);
        assertThat(g.array("few").orElseThrow().strings()).containsExactly("a", "béta", "<|im_end|>");
        assertThat(g.array("ints").orElseThrow().ints()).containsExactly(-1, 7);
        GgufTensor w = g.tensor("w").orElseThrow();
        assertThat(w.dims()).containsExactly(32, 3);
        assertThat(w.type()).isEqualTo(GgmlType.Q8_0);
        assertThat(w.bytes()).isEqualTo(3 * 34);
        assertThat(g.tensor("b").orElseThrow().offset()).isEqualTo(128); // 102 bytes padded to 32
        assertThat(g.dataOffset() % 32).isZero();
        assertThat(g.dataOffset() + 128 + 20 + 12).isEqualTo(Files.size(f));
    }

    @Test
    @RequiresLlamaCpp // the q8_0 fixture is quantized by llama.cpp
    void theTinyFixtureIsAQwen2WithTheRealVocabulary() {
        GgufFile g = GgufFile.read(TinyGgufs.tiny(GgmlType.Q8_0));
        Qwen2Gguf q = Qwen2Gguf.check(g);
        assertThat(q.config().vocabSize()).isEqualTo(151_936);
        assertThat(q.config().headDim()).isEqualTo(16);
        assertThat(q.fileType()).isEqualTo("q8_0");
        assertThat(q.eosId()).isEqualTo(151_645);
        assertThat(q.chatTemplate()).hasValueSatisfying(t -> assertThat(t).contains("<|im_start|>"));
        assertThat(q.controlTokens()).contains(151_643, 151_644, 151_645).doesNotContain(9707);
        assertThat(g.array("tokenizer.ggml.tokens").orElseThrow().strings()).isNull(); // long: skipped, length kept
        assertThat(g.tensor("token_embd.weight").orElseThrow().type()).isEqualTo(GgmlType.Q8_0);
        assertThat(g.tensor("blk.0.attn_q.bias").orElseThrow().type()).isEqualTo(GgmlType.F32);
    }

    @Test
    void physicalCoresAreAtLeastOneAndAtMostTheLogicalOnes() {
        assertThat(CpuCores.physical()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }
}
