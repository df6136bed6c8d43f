package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a user runs it: a child process that prints its address, answers, and stops on SIGTERM. */
@Timeout(180)
class ServeCommandTest {

    @Test
    void aNonLoopbackAddressWithoutAKeyIsRefusedBeforeTheModelLoads() {
        CommandLineTest.Run r = CommandLineTest.run("serve", "--model", "/no/such/model", "--host", "0.0.0.0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("--host 0.0.0.0").contains("--api-key");
        CommandLineTest.Run q = CommandLineTest.run("serve", "--model", "/no/such/model", "--queue", "-1");
        assertThat(q.code()).isEqualTo(2);
        assertThat(q.err()).contains("--queue -1");
        CommandLineTest.Run n = CommandLineTest.run("serve", "--model", "/no/such/model", "--parallel", "0");
        assertThat(n.err()).contains("--parallel 0");
    }

    @TempDir
    Path tmp;

    @Test
    void serveOnAFreePortPrintsItsAddressAnswersAndStopsCleanlyOnSigterm() throws Exception {
        Path stderr = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.qwenwb.app.Main", "serve", "--model", TinyModels.tiny(TensorDType.F32).toString(), "--port", "0",
                "--device", "cpu", "--dtype", "f32")).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches("listening on http://127\\.0\\.0\\.1:[0-9]+/v1");
            URI base = URI.create(line.substring("listening on ".length()));
            HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).contains("\"object\":\"list\"");
            int own = dev.qwenwb.inference.model.RandomModelWriter.tinyConfig().maxPositionEmbeddings();
            assertThat(models.body()).as("without --context, the model's own context").contains("\"max_model_len\":"
                    + own);
            assertThat(Files.readString(stderr)).contains("context: " + own + " tokens per request (--context)")
                    .contains("up to 4 requests generating together (--parallel)");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stderr)).contains("stopped");
        } finally {
            p.destroyForcibly();
        }
    }
}
