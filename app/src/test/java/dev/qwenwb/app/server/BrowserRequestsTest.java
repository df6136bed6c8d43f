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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a web page the user opens can do to the local server, tried over raw sockets on loopback with the headers a
 * browser sends (and a DNS-rebinding page's forged Host): nothing, unless {@code --cors} lets its origin in.
 */
@Timeout(180)
class BrowserRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2}";
    private static DjlModel model;
    private static Recorder recorder;
    private static OpenAiServer plain;
    private static OpenAiServer withCors;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 256, 0));
        recorder = new Recorder(model);
        plain = OpenAiServer.start(recorder, ServerOptions.loopback(0));
        withCors = OpenAiServer.start(recorder, ServerOptions.loopback(0).withBrowserAccess(List.of("mybox.lan"),
                List.of("http://localhost:3000")));
    }

    @AfterAll
    static void stop() {
        plain.close();
        withCors.close();
        model.close();
    }

    @BeforeEach
    void clean() {
        recorder.reset();
    }

    private static void assertForbidden(RawHttp.Response r, String code, String messagePart) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("type").asText()).isEqualTo("permission_error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("message").asText()).contains(messagePart);
    }

    @Test
    void aDnsRebindingPageIsRefusedBeforeTheModelSeesAnything() throws Exception {
        int port = plain.port();
        assertForbidden(RawHttp.send(port, "POST", "/v1/chat/completions", CHAT, "Host: rebind.evil.example:" + port,
                "Content-Type: text/plain", "Origin: http://rebind.evil.example:" + port), "host_not_allowed",
                "'rebind.evil.example:" + port + "'");
        assertForbidden(RawHttp.send(port, "GET", "/v1/models", null, "Host: rebind.evil.example"),
                "host_not_allowed", "--allowed-host");
        assertForbidden(RawHttp.send(port, "GET", "/health", null, "Host: mybox.lan"), "host_not_allowed", "DNS");
        assertThat(recorder.runs).isEmpty();
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "LOCALHOST", "[::1]:" + port,
                "app.localhost:" + port, "127.0.0.1")) {
            assertThat(RawHttp.send(port, "GET", "/v1/models", null, "Host: " + host).status()).as(host)
                    .isEqualTo(200);
        }
        assertThat(RawHttp.send(withCors.port(), "GET", "/v1/models", null, "Host: mybox.lan:8080").status())
                .as("--allowed-host").isEqualTo(200);
    }

    @Test
    void aCrossOriginPageIsRefusedUnlessCorsAllowsItsOrigin() throws Exception {
        int port = plain.port();
        assertForbidden(RawHttp.send(port, "POST", "/v1/chat/completions", CHAT, "Content-Type: text/plain",
                "Origin: https://evil.example"), "origin_not_allowed", "'https://evil.example'");
        assertForbidden(RawHttp.send(port, "POST", "/v1/chat/completions", CHAT, "Origin: null"),
                "origin_not_allowed", "--cors");
        assertForbidden(RawHttp.send(port, "POST", "/v1/chat/completions", CHAT,
                "Origin: http://localhost:3000"), "origin_not_allowed", "localhost:3000");
        assertForbidden(RawHttp.send(withCors.port(), "POST", "/v1/chat/completions", CHAT,
                "Origin: http://localhost:3001"), "origin_not_allowed", "localhost:3001");
        assertThat(recorder.runs).as("no refused request reached the model").isEmpty();

        RawHttp.Response ok = RawHttp.send(withCors.port(), "POST", "/v1/chat/completions", CHAT,
                "Content-Type: application/json", "Origin: http://LOCALHOST:3000");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().get("access-control-allow-origin")).isEqualTo("http://LOCALHOST:3000");
        assertThat(JSON.readTree(ok.body()).get("object").asText()).isEqualTo("chat.completion");
        RawHttp.Response noOrigin = RawHttp.send(port, "POST", "/v1/chat/completions", CHAT,
                "Content-Type: application/json");
        assertThat(noOrigin.status()).as("curl and SDKs send no Origin").isEqualTo(200);
        assertThat(noOrigin.headers()).doesNotContainKey("access-control-allow-origin");
    }

    @Test
    void preflightsAreAnsweredOnlyForAllowedOrigins() throws Exception {
        RawHttp.Response allowed = RawHttp.send(withCors.port(), "OPTIONS", "/v1/chat/completions", null,
                "Origin: http://localhost:3000", "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: authorization, content-type");
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.headers()).containsEntry("access-control-allow-origin", "http://localhost:3000")
                .containsEntry("access-control-allow-headers", "authorization, content-type")
                .containsEntry("access-control-allow-methods", "GET, POST, OPTIONS");
        assertForbidden(RawHttp.send(plain.port(), "OPTIONS", "/v1/chat/completions", null,
                "Origin: https://evil.example", "Access-Control-Request-Method: POST"), "origin_not_allowed",
                "evil.example");
        assertForbidden(RawHttp.send(withCors.port(), "OPTIONS", "/v1/chat/completions", null,
                "Origin: https://evil.example", "Access-Control-Request-Method: POST"), "origin_not_allowed",
                "evil.example");
        assertThat(recorder.runs).isEmpty();
    }

    @Test
    void theFlagsAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerOptions.loopback(0)
                .withBrowserAccess(List.of(), List.of("localhost:3000/app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--cors 'localhost:3000/app'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerOptions.loopback(0)
                .withBrowserAccess(List.of("evil.example/x"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--allowed-host");
    }
}
