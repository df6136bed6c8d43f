package dev.qwenwb.inference.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.gguf.GgufWriter;
import dev.qwenwb.inference.util.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text from a model's files that the model list prints (the architecture) reaches the terminal without escapes. */
class EscapeCodesTest {

    @TempDir
    Path dir;

    @Test
    void aGgufArchitectureWithEscapeCodesIsListedEscaped() throws IOException {
        Path m = Files.createDirectories(dir.resolve("evil"));
        new GgufWriter().put("general.architecture", "\u001b]0;owned\u0007\u001b[31mqwen2\u001b[0m")
                .write(m.resolve("evil.gguf"));
        String arch = ModelSummary.of(m).architecture();
        assertThat(arch).doesNotContain("\u001b").doesNotContain("\u0007")
                .isEqualTo("\\u001b]0;owned\\u0007\\u001b[31mqwen2\\u001b[0m");
    }

    @Test
    void aConfigArchitectureWithALineBreakIsListedOnOneLine() throws IOException {
        Path m = Files.createDirectories(dir.resolve("evil-config"));
        Files.writeString(m.resolve("config.json"), "{\"architectures\": [\"Qwen2\\nForged: line\\u202e\"]}");
        assertThat(ModelSummary.of(m).architecture()).isEqualTo("Qwen2\\u000aForged: line\\u202e");
    }

    @Test
    void longTextIsCut() {
        assertThat(Printable.of("x".repeat(10_000))).hasSize(Printable.MAX_CHARS + 1).endsWith("…");
        assertThat(Printable.of("通义千问 qwen2")).isEqualTo("通义千问 qwen2");
    }
}
