package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve --parallel 4} on the tiny GGUF: streams decode together in one batch, each as it would alone. */
@RequiresLlamaCpp
@Timeout(300)
class ParallelServeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int TOKENS = 200;
    private static GgufModel model;
    private static OpenAiServer server;

    @BeforeAll
    static void start() throws Exception {
        model = GgufModel.load(TinyGgufs.tiny(GgmlType.F32), EngineOptions.defaults().withContextLength(512)
                .withThreads(1));
        server = OpenAiServer.start(model, ServerOptions.loopback(0).withParallel(4));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    /** One streamed chat answer as the client saw it: its text and when its first text and its end arrived. */
    private record Streamed(String text, long firstTextNanos, long endNanos, String finishReason) {
    }

    private static Streamed stream(String question) {
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"" + question + "\"}], \"temperature\": 0, "
                + "\"max_tokens\": " + TOKENS + ", \"stream\": true}";
        try {
            HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            StringBuilder text = new StringBuilder();
            long first = 0;
            String finish = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                        continue;
                    }
                    JsonNode c = JSON.readTree(line.substring(6)).get("choices").get(0);
                    String delta = c.path("delta").path("content").asText("");
                    if (!delta.isEmpty() && first == 0) {
                        first = System.nanoTime();
                    }
                    text.append(delta);
                    if (c.hasNonNull("finish_reason")) {
                        finish = c.get("finish_reason").asText();
                    }
                }
            }
            return new Streamed(text.toString(), first, System.nanoTime(), finish);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fourStreamsOverlapInTimeAndEachGetsWhatItGetsAlone() throws Exception {
        List<String> questions = List.of("Write quicksort", "What is a monad?", "Name three rivers", "Hello there");
        List<String> alone = new ArrayList<>();
        for (String q : questions) {
            alone.add(stream(q).text());
        }
        List<CompletableFuture<Streamed>> together = new ArrayList<>();
        for (String q : questions) {
            together.add(CompletableFuture.supplyAsync(() -> stream(q)));
        }
        List<Streamed> got = new ArrayList<>();
        for (CompletableFuture<Streamed> f : together) {
            got.add(f.get());
        }
        for (int i = 0; i < questions.size(); i++) {
            assertThat(got.get(i).text()).as("stream %d, greedy, as alone", i).isEqualTo(alone.get(i)).isNotEmpty();
        }
        long lastFirst = got.stream().mapToLong(Streamed::firstTextNanos).max().orElseThrow();
        long firstEnd = got.stream().mapToLong(Streamed::endNanos).min().orElseThrow();
        assertThat(lastFirst).as("every stream had text before any ended").isLessThan(firstEnd);
    }
}
