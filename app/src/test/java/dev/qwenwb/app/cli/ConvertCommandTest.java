package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.Main;
import dev.qwenwb.app.cli.CommandLineTest.Run;
import dev.qwenwb.inference.gguf.GgufFile;
import dev.qwenwb.inference.gguf.Qwen2Gguf;
import dev.qwenwb.inference.model.ModelConfig;
import dev.qwenwb.inference.model.RandomModelWriter;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubCaches;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert}: a folder or an installed repo id becomes a GGUF that passes the engine's checks; bad input is one
 * line with exit 2; an existing file is kept without {@code --force}; a SIGTERM mid-write leaves no file.
 */
class ConvertCommandTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    @Test
    void aFolderBecomesAGgufAndAnExistingOneIsKeptWithoutForce() throws IOException {
        Path out = tmp.resolve("tiny.gguf");
        Run r = CommandLineTest.run("convert", TinyModels.tiny(TensorDType.F32).toString(), "--type", "f32",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.toAbsolutePath() + "  (f32, " + dev.qwenwb.inference.hub.ByteSizes
                .human(Files.size(out)) + ")");
        Qwen2Gguf q = Qwen2Gguf.check(GgufFile.read(out));
        assertThat(q.fileType()).isEqualTo("f32");
        assertThat(r.err()).contains("writing 100%");

        Run again = CommandLineTest.run("convert", TinyModels.tiny(TensorDType.F32).toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("error: --out " + out + " exists (--force replaces it)");
        assertThat(Qwen2Gguf.check(GgufFile.read(out)).fileType()).isEqualTo("f32");

        Run forced = CommandLineTest.run("convert", TinyModels.tiny(TensorDType.F32).toString(), "--out", tmp.toString(),
                "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        Path named = tmp.resolve(TinyModels.tiny(TensorDType.F32).getFileName() + "-f16.gguf");
        assertThat(Qwen2Gguf.check(GgufFile.read(named)).fileType()).isEqualTo("f16");
        assertThat(names(tmp)).containsExactlyInAnyOrder("tiny.gguf", named.getFileName().toString());
    }

    @Test
    void badInputIsOneLineWithExitTwo() throws IOException {
        Path notQwen = Files.createDirectories(tmp.resolve("bert"));
        Files.writeString(notQwen.resolve("config.json"), "{\"architectures\": [\"BertModel\"], \"hidden_size\": 8}");
        Run bert = CommandLineTest.run("convert", notQwen.toString(), "--out", tmp.resolve("x.gguf").toString());
        assertThat(bert.code()).isEqualTo(2);
        assertThat(bert.err().strip()).doesNotContain("\n").startsWith("error: " + notQwen.resolve("config.json"))
                .contains("BertModel");
        Run type = CommandLineTest.run("convert", TinyModels.tiny(TensorDType.F32).toString(), "--type", "q5_1");
        assertThat(type.code()).isEqualTo(2);
        assertThat(type.err().strip()).isEqualTo("error: --type q5_1: expected one of f32, f16, q8_0, q4_K_M");
        Run missing = CommandLineTest.run("convert", tmp.resolve("nothing-here").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("does not exist");
        assertThat(names(tmp)).containsExactly("bert");
    }

    @Test
    void anInstalledRepoIdConvertsFromTheCache() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path snapshot = HubCaches.writeRepo(cache, "Qwen/Tiny-Random", COMMIT, TinyModels.tiny(TensorDType.F32),
                "main");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Process p = workbench(cache, work, "convert", "Qwen/Tiny-Random", "--type", "f16");
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err(work)).isZero();
        Path out = work.resolve("Tiny-Random-f16.gguf");
        GgufFile g = GgufFile.read(out);
        assertThat(g.string("general.name")).contains("Qwen/Tiny-Random");
        assertThat(names(snapshot)).doesNotContain("Tiny-Random-f16.gguf"); // the cache is left as it was
    }

    @Test
    void aSigtermMidwayLeavesNoFileUnderTheFinalNameAndNoTempFile() throws Exception {
        ModelConfig tiny = RandomModelWriter.tinyConfig(); // wide enough that writing takes a while
        ModelConfig wide = new ModelConfig(tiny.architecture(), 512, 1024, 2, 8, 2, tiny.vocabSize(),
                tiny.maxPositionEmbeddings(), tiny.rmsNormEps(), tiny.ropeTheta(), false, tiny.torchDtype(),
                tiny.eosTokenIds());
        Path model = RandomModelWriter.write(tmp.resolve("wide"), wide, TensorDType.BF16, 3, TinyModels.tokenizerDir());
        Path work = Files.createDirectories(tmp.resolve("work"));
        Process p = workbench(tmp, work, "convert", model.toString(), "--type", "f32", "--out", "wide.gguf");
        boolean seen = false;
        for (int i = 0; i < 6000 && p.isAlive() && !seen; i++) {
            seen = names(work).stream().anyMatch(n -> n.endsWith(".part"));
            Thread.sleep(20);
        }
        assertThat(seen).as("the temp file appeared while the conversion ran; " + err(work)).isTrue();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(names(work)).containsExactlyInAnyOrder("out.txt", "err.txt");
    }

    private static Process workbench(Path cache, Path work, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().put("HF_HUB_CACHE", cache.toString());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        return pb.start();
    }

    private static String err(Path work) {
        try {
            return Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
