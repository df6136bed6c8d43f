package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.Main;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.HubCaches;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model org/name[@rev]} loads the snapshot a Hugging Face cache holds (laid out as huggingface_hub lays it
 * out), found through {@code $HF_HUB_CACHE} — a real child process, since the cache comes from the environment.
 */
class RepoIdModelTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path cache;

    @Test
    void anInstalledRepoIdLoadsFromTheCacheAndAMissingOneSaysHowToGetIt() throws Exception {
        HubCaches.writeRepo(cache, "Qwen/Tiny-Random", COMMIT, TinyModels.tiny(TensorDType.F32), "main");

        Result ok = workbench("generate", "--model", "Qwen/Tiny-Random", "--prompt", "hi", "--max-tokens", "2",
                "--json");
        assertThat(ok.code).as(ok.err).isZero();
        JsonNode j = new ObjectMapper().readTree(ok.out);
        assertThat(j.get("model").get("name").asText()).isEqualTo("Qwen/Tiny-Random");
        assertThat(j.get("token_ids").size()).isBetween(1, 2);
        assertThat(workbench("tokenize", "--model", "Qwen/Tiny-Random@" + COMMIT.substring(0, 8), "Hello world").out
                .trim()).isEqualTo("{\"ids\":[9707,1879]}");

        Result missing = workbench("generate", "--model", "Qwen/Not-There", "--prompt", "hi");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err.trim()).doesNotContain("\n").contains("Qwen/Not-There").contains(cache.toString())
                .contains("workbench download Qwen/Not-There");
    }

    private record Result(int code, String out, String err) {
    }

    private Result workbench(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HF_HUB_CACHE", cache.toString());
        pb.environment().put("DJL_OFFLINE", "true");
        Path out = Files.createTempFile(cache, "out", ".txt");
        Path err = Files.createTempFile(cache, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("workbench " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8).lines().filter(l -> !l.contains(" INFO "))
                        .reduce("", (a, b) -> a + b + "\n"));
    }
}
