package dev.qwenwb.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --dummy-weights}: the space is checked before writing, and the temp folder never outlives the run. */
@Timeout(300)
class DummyWeightsTest {

    @TempDir
    Path dir;

    /** Qwen2.5-72B's config.json shape, with {@code layers} layers. */
    static String config(int hidden, int intermediate, int layers, int heads, int kvHeads) {
        return "{\"architectures\": [\"Qwen2ForCausalLM\"], \"model_type\": \"qwen2\", \"hidden_size\": " + hidden
                + ", \"intermediate_size\": " + intermediate + ", \"num_hidden_layers\": " + layers
                + ", \"num_attention_heads\": " + heads + ", \"num_key_value_heads\": " + kvHeads
                + ", \"vocab_size\": 152064, \"max_position_embeddings\": 32768, \"rms_norm_eps\": 1e-6, "
                + "\"rope_theta\": 1000000.0, \"tie_word_embeddings\": false, \"torch_dtype\": \"bfloat16\"}";
    }

    @Test
    void a72bShapeNeeds145GbAndIsRefusedWhereThereIsLess() throws IOException {
        Path cfg = Files.writeString(dir.resolve("config.json"), config(8192, 29568, 80, 64, 8));
        ModelConfig c = ModelConfig.read(cfg);
        assertThat(DummyWeights.checkpointBytes(c) / 1e9).isBetween(145.0, 146.0);
        assertThatThrownBy(() -> DummyWeights.checkSpace(cfg, c, Path.of("/tmp"), 29_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--dummy-weights " + cfg + ": random weights of this shape take 145.")
                .hasMessageContaining("/tmp has 29.0 GB free");
        DummyWeights.checkSpace(cfg, c, Path.of("/tmp"), 200_000_000_000L); // enough
    }

    @Test
    void theCommandRefusesAShapeNoDiskHoldsInOneLineBeforeWriting() throws Exception {
        Path cfg = Files.writeString(dir.resolve("huge.json"), config(8192, 29568, 80_000, 64, 8));
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Process p = bench(cfg, temp);
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            String err = Files.readString(dir.resolve("stderr.txt")).strip();
            assertThat(err.lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                    .startsWith("error: --dummy-weights " + cfg + ": random weights of this shape take ")
                    .contains("GB free");
            assertThat(leftovers(temp)).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigtermWhileWritingDeletesTheTempFolder() throws Exception {
        Path cfg = Files.writeString(dir.resolve("mid.json"), config(1536, 8960, 28, 12, 2)); // 1.5B: 3 GB
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        Process p = bench(cfg, temp);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!writing(temp) && p.isAlive() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(writing(temp)).as("the weights are being written").isTrue();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(leftovers(temp)).as("left in the temporary folder").isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }

    private Process bench(Path cfg, Path temp) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Djava.io.tmpdir=" + temp, "-cp",
                System.getProperty("java.class.path"), "dev.qwenwb.app.Main", "bench", "--dummy-weights",
                cfg.toString(), "--device", "cpu", "--runs", "1", "--warmup", "0"))
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
    }

    private static boolean writing(Path temp) throws IOException {
        for (Path d : leftovers(temp)) {
            Path model = d.resolve("model");
            if (Files.isDirectory(model)) {
                try (Stream<Path> s = Files.list(model)) {
                    if (s.anyMatch(f -> f.getFileName().toString().contains("safetensors"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Path> leftovers(Path temp) throws IOException {
        try (Stream<Path> s = Files.list(temp)) {
            return s.filter(f -> f.getFileName().toString().startsWith("qwen-dummy-")).toList();
        }
    }
}
