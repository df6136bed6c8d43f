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
        for (String bad : new String[] {"0", "-2"}) {
            CommandLineTest.Run c = CommandLineTest.run("serve", "--model", "/no/such/model", "--n-predict", bad);
            assertThat(c.code()).isEqualTo(2);
            assertThat(c.err().strip().lines().count()).isEqualTo(1);
            assertThat(c.err()).contains("--n-predict " + bad).contains("-1 for no limit");
        }
    }

    @TempDir
    Path tmp;

    @Test
    void serveOnAFreePortPrintsItsAddressAnswersAndStopsCleanlyOnSigterm() throws Exception {
        Path stderr = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.qwenwb.app.Main", "serve", "--model", TinyModels.tiny(TensorDType.F32).toString(), "--port", "0",
                "--device", "cpu", "--dtype", "f32", "--n-predict", "8")).redirectError(stderr.toFile()).start();
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

            HttpResponse<String> capped = chat(base, 100); // more than --n-predict: cut to it, and said
            assertThat(capped.statusCode()).as(capped.body()).isEqualTo(200);
            assertThat(capped.headers().firstValue("X-Max-Tokens-Clamped")).hasValue("8");
            assertThat(capped.body()).contains("\"completion_tokens\":8,").contains("\"finish_reason\":\"length\"")
                    .contains("\"max_tokens_clamped_to\":8");
            HttpResponse<String> within = chat(base, 3);
            assertThat(within.headers().firstValue("X-Max-Tokens-Clamped")).isEmpty();
            assertThat(within.body()).contains("\"completion_tokens\":3,").doesNotContain("max_tokens_clamped_to");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stderr)).contains("stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    /** A chat request for {@code maxTokens} tokens that does not stop at end-of-sequence. */
    private static HttpResponse<String> chat(URI base, int maxTokens) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": "
                        + "\"hi\"}], \"max_tokens\": " + maxTokens + ", \"ignore_eos\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
