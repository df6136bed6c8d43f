package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo-model} never destroys a folder it was not asked to replace, and writes a new one atomically. */
class DemoModelCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aNonEmptyFolderIsRefusedInOneLineAndLeftAsItWas() throws IOException {
        Path model = Files.createDirectory(tmp.resolve("real-model"));
        Files.writeString(model.resolve("config.json"), "{\"architectures\": [\"Qwen2ForCausalLM\"]}");
        Files.write(model.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Run r = CommandLineTest.run("demo-model", model.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: " + model + ": is not empty")
                .contains("--force");
        assertThat(Files.readString(model.resolve("config.json"))).contains("Qwen2ForCausalLM");
        assertThat(Files.readAllBytes(model.resolve("model.safetensors"))).containsExactly(1, 2, 3);
        assertThat(siblings()).containsExactly("real-model");
    }

    @Test
    void aNewFolderIsWrittenWholeAndNoTemporaryFolderStays() throws IOException {
        Path dir = tmp.resolve("a/demo");
        Run r = CommandLineTest.run("demo-model", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("config.json")).isRegularFile();
        assertThat(dir.resolve("model.safetensors")).isRegularFile();
        assertThat(dir.resolve("tokenizer.json")).isRegularFile();
        try (Stream<Path> s = Files.list(tmp.resolve("a"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("demo");
        }
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(CommandLineTest.run("demo-model", empty.toString()).code()).isZero();
        assertThat(empty.resolve("model.safetensors")).isRegularFile();
    }

    @Test
    void forceReplacesTheFolderAsAWhole() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("old"));
        Files.writeString(dir.resolve("stale.txt"), "old");
        Run r = CommandLineTest.run("demo-model", "--force", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("stale.txt")).doesNotExist();
        assertThat(dir.resolve("model.safetensors")).isRegularFile();
        assertThat(siblings()).containsExactly("old");
    }

    @Test
    void aFileInTheWayIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Run r = CommandLineTest.run("demo-model", "--force", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: " + file + ": exists and is not a folder; give a new folder"
                + " for the demo model");
    }

    private java.util.List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
