package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code openai} npm client (7.x) against the server, run by node as a child process: a required tool
 * call, a strict JSON schema, three streams at once. The client is installed by {@code .ci/run} (never at test time)
 * into {@code WORKBENCH_NPM_CLIENTS} (default {@code ~/.cache/qwen-workbench/npm-clients}); without it the test is
 * skipped and says why, unless {@code WORKBENCH_REQUIRE_NPM_CLIENTS} is set (CI), when it fails.
 */
@Timeout(300)
class NpmOpenAiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOfficialNodeClientGetsAToolCallValidJsonAndParallelStreams() throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("WORKBENCH_NPM_CLIENTS",
                System.getProperty("user.home") + "/.cache/qwen-workbench/npm-clients"));
        boolean installed = Files.isDirectory(dir.resolve("node_modules/openai"));
        if (System.getenv("WORKBENCH_REQUIRE_NPM_CLIENTS") == null) {
            Assumptions.assumeTrue(installed, "the openai npm package is not installed in " + dir
                    + " (.ci/run installs it: npm install --prefix DIR openai@7.60.0)");
        }
        assertThat(installed).as("openai npm package in " + dir).isTrue();
        Path script = dir.resolve("openai-client.mjs"); // beside node_modules, so node resolves 'openai'
        try (InputStream in = getClass().getResourceAsStream("/clients/openai-client.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        try (DjlModel model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 1024, 0));
             OpenAiServer server = OpenAiServer.start(model, ServerOptions.loopback(0).withApiKey("sk-local")
                     .withParallel(3))) {
            Process p = new ProcessBuilder("node", script.toString(), server.baseUrl().toString(), model.info().name())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            JsonNode out = JSON.readTree(output.substring(output.lastIndexOf("\n{") + 1).strip());

            assertThat(out.at("/tool/finish").asText()).as(output).isEqualTo("tool_calls");
            JsonNode call = out.at("/tool/calls/0/function");
            assertThat(call.get("name").asText()).isEqualTo("get_weather");
            JsonNode args = JSON.readTree(call.get("arguments").asText());
            assertThat(args.get("city").asText()).isIn("Beijing", "Paris");
            assertThat(args.get("days").isIntegralNumber()).isTrue();

            JsonNode verdict = JSON.readTree(out.get("json").asText());
            assertThat(verdict.get("ok").isBoolean()).as(out.get("json").asText()).isTrue();
            assertThat(verdict.get("n").isIntegralNumber()).isTrue();

            JsonNode streams = out.get("streams");
            assertThat(streams).hasSize(3);
            long lastFirst = 0;
            long firstEnd = Long.MAX_VALUE;
            for (JsonNode s : streams) {
                assertThat(s.get("text").asText()).isNotEmpty();
                lastFirst = Math.max(lastFirst, s.get("first").asLong());
                firstEnd = Math.min(firstEnd, s.get("end").asLong());
            }
            assertThat(lastFirst).as("every stream had text before any ended: they decoded together")
                    .isLessThan(firstEnd);
        }
    }
}
