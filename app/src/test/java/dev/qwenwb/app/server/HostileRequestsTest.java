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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request bodies made to hurt the server: each is a 400 or a bounded answer, and the server goes on. */
@Timeout(300)
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DjlModel model;
    private static OpenAiServer server;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 64, 0));
        server = OpenAiServer.start(model, ServerOptions.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void aBodyNestedAHundredThousandDeepIsA400() throws Exception {
        String deep = "{\"messages\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        RawHttp.Response r = RawHttp.send(server.port(), "POST", "/v1/chat/completions", deep,
                "Content-Type: application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.get("message").asText()).contains("nesting depth").doesNotContain("NullPointer");
    }

    @Test
    void aTemplateOverItsBudgetIsA400NamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path m = java.nio.file.Files.createDirectory(dir.resolve("model"));
        try (var files = java.nio.file.Files.list(TinyModels.tiny(TensorDType.F32))) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.copy(f, m.resolve(f.getFileName()));
            }
        }
        java.nio.file.Path config = m.resolve("tokenizer_config.json");
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(config.toFile());
        json.put("chat_template", "{% set s = 'xy' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}");
        java.nio.file.Files.writeString(config, json.toString());
        try (DjlModel hostile = DjlModel.load(m, new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 64,
                0)); OpenAiServer s = OpenAiServer.start(hostile, ServerOptions.loopback(0))) {
            RawHttp.Response r = RawHttp.send(s.port(), "POST", "/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", "Content-Type: application/json");
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").get("message").asText()).contains(config.toString())
                    .contains("chat template failed");
            RawHttp.Response raw = RawHttp.send(s.port(), "POST", "/v1/completions",
                    "{\"prompt\": \"def f():\", \"max_tokens\": 2}", "Content-Type: application/json");
            assertThat(raw.status()).as("the server goes on: " + raw.body()).isEqualTo(200);
        }
    }

    @Test
    void maxTokensOfTwoBillionIsClampedToTheContextAndSaidSo() throws Exception {
        for (long asked : new long[] {2_147_483_647L, 400_000_000L}) {
            RawHttp.Response r = RawHttp.send(server.port(), "POST", "/v1/chat/completions",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": " + asked
                            + ", \"temperature\": 0}", "Content-Type: application/json");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode j = JSON.readTree(r.body());
            int prompt = j.get("usage").get("prompt_tokens").asInt();
            assertThat(j.get("usage").get("completion_tokens").asInt()).isLessThanOrEqualTo(64 - prompt + 1);
            // the space left: the context less the prompt, plus one (the last token never needs the cache)
            assertThat(r.headers().get("x-max-tokens-clamped")).isEqualTo(String.valueOf(64 - prompt + 1));
            assertThat(j.at("/timings/max_tokens_clamped_to").asInt()).isEqualTo(64 - prompt + 1);
        }
    }
}
