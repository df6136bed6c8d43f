package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server on loopback over the tiny random model, spoken to with the JDK's HTTP client. */
@Timeout(180)
class OpenAiServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static DjlModel model;
    private static Recorder recorder;
    private static OpenAiServer server;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 256, 0));
        recorder = new Recorder(model);
        server = OpenAiServer.start(recorder, ServerOptions.loopback(0).withQueue(1).withParallel(1));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @BeforeEach
    void clean() {
        recorder.reset();
    }

    static HttpResponse<String> post(URI base, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data of each event of an SSE body. */
    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String e : body.split("\n\n")) {
            if (!e.isBlank() && !e.startsWith(":")) { // a comment: the server's check that the client is there
                assertThat(e).startsWith("data: ");
                out.add(e.substring("data: ".length()));
            }
        }
        return out;
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static String chatBody(boolean stream, int maxTokens) {
        return "{\"model\": \"" + model.info().name() + "\", \"messages\": [{\"role\": \"system\", \"content\": "
                + "\"Be brief.\"}, {\"role\": \"user\", \"content\": \"Write quicksort\"}], \"temperature\": 0, "
                + "\"max_tokens\": " + maxTokens + ", \"seed\": 7, \"stream\": " + stream
                + ", \"stream_options\": {\"include_usage\": true}}";
    }

    @Test
    void modelsListsTheServedModel() throws Exception {
        HttpResponse<String> r = get(server.baseUrl(), "/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r.body());
        assertThat(j.get("object").asText()).isEqualTo("list");
        assertThat(j.get("data").get(0).get("id").asText()).isEqualTo(model.info().name());
        assertThat(j.get("data").get(0).get("object").asText()).isEqualTo("model");
    }

    @Test
    void aChatCompletionCarriesTheAnswerUsageAndTimingsAndStreamsTheSameText() throws Exception {
        HttpResponse<String> r = post(server.baseUrl(), "/chat/completions", chatBody(false, 6));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode j = json(r.body());
        assertThat(j.get("id").asText()).startsWith("chatcmpl-");
        assertThat(j.get("object").asText()).isEqualTo("chat.completion");
        assertThat(j.get("model").asText()).isEqualTo(model.info().name());
        JsonNode choice = j.get("choices").get(0);
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        String text = choice.get("message").get("content").asText();
        assertThat(text).isNotEmpty();
        GenerationResult direct = recorder.awaitResult(0);
        assertThat(text).isEqualTo(direct.text());
        assertThat(choice.get("finish_reason").asText()).isEqualTo(direct.finishReason() == FinishReason.MAX_TOKENS
                ? "length" : "stop");
        JsonNode usage = j.get("usage");
        int promptTokens = model.render(Prompt.chat(List.of(ChatMessage.system("Be brief."),
                ChatMessage.user("Write quicksort")))).length();
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(promptTokens);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(direct.stats().generatedTokens()).isLessThanOrEqualTo(6);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(promptTokens + direct.stats().generatedTokens());
        assertThat(j.get("timings").get("ttft_ms").asDouble()).isPositive();
        assertThat(j.get("timings").get("predicted_n").asInt()).isEqualTo(direct.stats().generatedTokens());

        HttpResponse<String> s = post(server.baseUrl(), "/chat/completions", chatBody(true, 6));
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> ev = events(s.body());
        assertThat(ev.get(ev.size() - 1)).isEqualTo("[DONE]");
        JsonNode first = json(ev.get(0));
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(first.has("usage") && first.get("usage").isNull()).isTrue();
        StringBuilder streamed = new StringBuilder();
        String finish = null;
        for (String e : ev.subList(1, ev.size() - 2)) {
            JsonNode c = json(e);
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("id").asText()).isEqualTo(first.get("id").asText());
            JsonNode ch = c.get("choices").get(0);
            if (ch.get("finish_reason").isNull()) {
                streamed.append(ch.get("delta").get("content").asText());
            } else {
                finish = ch.get("finish_reason").asText();
                assertThat(ch.get("delta").isEmpty()).isTrue();
                assertThat(c.get("timings").get("ttft_ms").asDouble()).isPositive();
            }
        }
        assertThat(streamed.toString()).isEqualTo(text);
        assertThat(finish).isEqualTo(choice.get("finish_reason").asText());
        JsonNode last = json(ev.get(ev.size() - 2));
        assertThat(last.get("choices").isEmpty()).isTrue();
        assertThat(last.get("usage")).isEqualTo(usage);
    }

    @Test
    void logitBiasAndOpenAisPenaltiesApply() throws Exception {
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"Write quicksort\"}], \"temperature\": 0, "
                + "\"max_tokens\": 4, \"logit_bias\": {\"1879\": 100}, \"presence_penalty\": 0.5, "
                + "\"frequency_penalty\": -0.25}";
        HttpResponse<String> r = post(server.baseUrl(), "/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        GenerationResult result = recorder.awaitResult(0);
        assertThat(result.tokenIds()).as("+100 on token 1879 makes greedy pick it every time").containsOnly(1879);
        assertThat(json(r.body()).at("/choices/0/message/content").asText()).isEqualTo(" world world world world");
        assertThat(result.sampling().presencePenalty()).isEqualTo(0.5);
        assertThat(result.sampling().frequencyPenalty()).isEqualTo(-0.25);
        assertThat(result.sampling().logitBias()).containsEntry(1879, 100.0);

        HttpResponse<String> bad = post(server.baseUrl(), "/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"logit_bias\": {\"hello\": 1}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).at("/error/param").asText()).isEqualTo("logit_bias");
        HttpResponse<String> far = post(server.baseUrl(), "/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"presence_penalty\": 3}");
        assertThat(far.statusCode()).isEqualTo(400);
        assertThat(json(far.body()).at("/error/message").asText()).contains("presence_penalty");
    }

    private static final String WEATHER_TOOL = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
            + "\"description\": \"Weather of a city\", \"parameters\": {\"type\": \"object\", \"properties\": "
            + "{\"city\": {\"enum\": [\"Beijing\", \"Paris\"]}, \"days\": {\"type\": \"integer\"}}, "
            + "\"required\": [\"city\", \"days\"]}}}";

    @Test
    void aRequiredToolCallIsAValidCallEvenFromRandomWeightsWholeAndStreamed() throws Exception {
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"Weather in Paris?\"}], \"tools\": ["
                + WEATHER_TOOL + "], \"tool_choice\": \"required\", \"max_tokens\": 200, \"seed\": 3, "
                + "\"temperature\": 1, \"parallel_tool_calls\": false}";
        HttpResponse<String> r = post(server.baseUrl(), "/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode choice = json(r.body()).at("/choices/0");
        assertThat(recorder.awaitResult(0).promptText()).contains("<tools>").contains("get_weather");
        assertThat(choice.get("finish_reason").asText()).as(r.body()).isEqualTo("tool_calls");
        JsonNode call = choice.at("/message/tool_calls/0");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.get("id").asText()).startsWith("call_");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        JsonNode args = json(call.at("/function/arguments").asText());
        assertThat(args.get("city").asText()).isIn("Beijing", "Paris");
        assertThat(args.get("days").isIntegralNumber()).isTrue();

        HttpResponse<String> s = post(server.baseUrl(), "/chat/completions",
                body.replace("\"seed\": 3", "\"seed\": 3, \"stream\": true"));
        List<String> events = events(s.body());
        JsonNode streamed = events.stream().filter(e -> e.contains("tool_calls\":[")).map(e -> {
            try {
                return json(e);
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        }).findFirst().orElseThrow(() -> new AssertionError(s.body()));
        assertThat(streamed.at("/choices/0/delta/tool_calls/0/function/arguments").asText())
                .isEqualTo(call.at("/function/arguments").asText());
        assertThat(s.body()).contains("\"finish_reason\":\"tool_calls\"").doesNotContain("<tool_call>");
    }

    @Test
    void aJsonSchemaFormatGivesJsonThatValidatesAndBadSchemasAre400s() throws Exception {
        String schema = "{\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"}, \"n\": "
                + "{\"type\": \"integer\"}}, \"required\": [\"ok\", \"n\"]}";
        HttpResponse<String> r = post(server.baseUrl(), "/chat/completions", "{\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"x\"}], \"max_tokens\": 100, \"response_format\": {\"type\": \"json_schema\", "
                + "\"json_schema\": {\"name\": \"r\", \"strict\": true, \"schema\": " + schema + "}}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode out = json(json(r.body()).at("/choices/0/message/content").asText());
        assertThat(out.get("ok").isBoolean()).isTrue();
        assertThat(out.get("n").isIntegralNumber()).isTrue();

        for (String[] bad : new String[][] {
                {"\"response_format\": {\"type\": \"json_schema\", \"json_schema\": {\"schema\": {\"$ref\": \"#/a\"}}}",
                        "response_format.json_schema.schema", "$ref"},
                {"\"tools\": [{\"type\": \"function\", \"function\": {\"description\": \"x\"}}]",
                        "tools[0].function.name", "name"},
                {"\"tools\": [" + WEATHER_TOOL + "], \"tool_choice\": {\"type\": \"function\", \"function\": "
                        + "{\"name\": \"nope\"}}", "tool_choice", "nope"},
                {"\"response_format\": {\"type\": \"xml\"}", "response_format.type", "xml"}}) {
            HttpResponse<String> b = post(server.baseUrl(), "/chat/completions", "{\"messages\": [{\"role\": "
                    + "\"user\", \"content\": \"x\"}], " + bad[0] + "}");
            assertThat(b.statusCode()).as(b.body()).isEqualTo(400);
            assertThat(json(b.body()).at("/error/param").asText()).isEqualTo(bad[1]);
            assertThat(json(b.body()).at("/error/message").asText()).contains(bad[2]);
        }
    }

    @Test
    void toolCallsAndResultsInTheHistoryReachTheTemplate() throws Exception {
        String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"Weather in Paris?\"}, "
                + "{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\": \"call_1\", \"type\": "
                + "\"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\": "
                + "\\\"Paris\\\", \\\"days\\\": 1}\"}}]}, {\"role\": \"tool\", \"tool_call_id\": \"call_1\", "
                + "\"content\": \"{\\\"temp\\\": 21}\"}], \"tools\": [" + WEATHER_TOOL + "], \"max_tokens\": 2}";
        HttpResponse<String> r = post(server.baseUrl(), "/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String prompt = recorder.awaitResult(0).promptText();
        assertThat(prompt).contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", "
                + "\"days\": 1}}\n</tool_call>").contains("<tool_response>\n{\"temp\": 21}\n</tool_response>");
    }

    @Test
    void aStreamWithoutIncludeUsageHasNoUsageChunk() throws Exception {
        HttpResponse<String> s = post(server.baseUrl(), "/chat/completions", "{\"messages\": [{\"role\": \"user\", "
                + "\"content\": \"hi\"}], \"max_completion_tokens\": 3, \"stream\": true}");
        List<String> ev = events(s.body());
        assertThat(ev.get(ev.size() - 1)).isEqualTo("[DONE]");
        for (String e : ev.subList(0, ev.size() - 1)) {
            assertThat(json(e).has("usage")).as(e).isFalse();
            assertThat(json(e).get("choices")).hasSize(1);
        }
        assertThat(recorder.awaitResult(0).stats().generatedTokens()).isLessThanOrEqualTo(3);
    }

    @Test
    void aCompletionWithASuffixIsQwenFillInTheMiddle() throws Exception {
        String body = "{\"prompt\": \"def add(a, b):\\n    \", \"suffix\": \"\\n    return c\\n\", \"max_tokens\": 4, "
                + "\"temperature\": 0, \"stop\": \"\\n\\n\"}";
        HttpResponse<String> r = post(server.baseUrl(), "/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode j = json(r.body());
        assertThat(j.get("object").asText()).isEqualTo("text_completion");
        assertThat(j.get("id").asText()).startsWith("cmpl-");
        GenerationRequest sent = recorder.runs.get(0).request;
        assertThat(sent.prompt()).isEqualTo(Prompt.fim("def add(a, b):\n    ", "\n    return c\n"));
        assertThat(sent.limits().stopStrings()).containsExactly("\n\n");
        GenerationResult direct = model.generate(new GenerationRequest(sent.prompt(), Sampling.argmax(),
                Limits.maxTokens(4)));
        assertThat(j.get("choices").get(0).get("text").asText()).isEqualTo(direct.text());
        assertThat(j.get("usage").get("prompt_tokens").asInt()).isEqualTo(direct.stats().promptTokens());

        HttpResponse<String> s = post(server.baseUrl(), "/completions", "{\"prompt\": \"def fib(n):\", "
                + "\"max_tokens\": 3, \"stream\": true, \"stream_options\": {\"include_usage\": true}}");
        List<String> ev = events(s.body());
        assertThat(ev.get(ev.size() - 1)).isEqualTo("[DONE]");
        for (String e : ev.subList(0, ev.size() - 1)) {
            assertThat(json(e).get("object").asText()).isEqualTo("text_completion");
        }
        assertThat(json(ev.get(ev.size() - 2)).get("usage").get("completion_tokens").asInt()).isBetween(1, 3);
        assertThat(recorder.runs.get(1).request.prompt()).isEqualTo(Prompt.raw("def fib(n):"));
    }

    @Test
    void badRequestsAreOpenAiErrorsNamingTheFieldAndTheServerGoesOn() throws Exception {
        URI b = server.baseUrl();
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}"), 400,
                "invalid_request_error", null, "not valid JSON");
        assertError(post(b, "/chat/completions", "[1, 2]"), 400, "invalid_request_error", null, "JSON object");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"temperature\": \"hot\"}"), 400, "invalid_request_error", "temperature", "temperature");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"max_tokens\": 2.5}"), 400, "invalid_request_error", "max_tokens", "whole number");
        assertError(post(b, "/chat/completions", "{\"messages\": \"hi\"}"), 400, "invalid_request_error", "messages",
                "array");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}"), 400,
                "invalid_request_error", "messages[0].role", "unknown role 'wizard'");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"n\": 17}"), 400, "invalid_request_error", "n", "from 1 to 16");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"stop\": 5}"), 400, "invalid_request_error", "stop", "stop");
        assertError(post(b, "/completions", "{\"prompt\": 42}"), 400, "invalid_request_error", "prompt", "prompt");
        String longPrompt = "word ".repeat(400);
        HttpResponse<String> tooLong = post(b, "/completions", "{\"prompt\": \"" + longPrompt + "\"}");
        assertError(tooLong, 400, "invalid_request_error", "prompt", "context holds 256");
        assertThat(json(tooLong.body()).get("error").get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(json(tooLong.body()).get("error").get("message").asText()).contains("--context");
        HttpResponse<String> unknownModel = post(b, "/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertError(unknownModel, 404, "not_found_error", "model", "gpt-4o");
        assertThat(json(unknownModel.body()).get("error").get("code").asText()).isEqualTo("model_not_found");
        assertError(post(b, "/embeddings", "{}"), 404, "not_found_error", null, "/v1/embeddings");
        HttpResponse<String> wrongMethod = get(b, "/chat/completions");
        assertError(wrongMethod, 405, "invalid_request_error", null, "POST");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        String huge = "{\"prompt\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertError(post(b, "/completions", huge), 413, "invalid_request_error", null, "4 MiB");
        assertThat(recorder.runs).as("no bad request reached the model").isEmpty();

        HttpResponse<String> ok = post(b, "/chat/completions", chatBody(false, 2));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    static void assertError(HttpResponse<String> r, int status, String type, String param, String messagePart)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode e = json(r.body()).get("error");
        assertThat(e.get("message").asText()).contains(messagePart);
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.has("param") && e.has("code")).isTrue();
        if (param == null) {
            assertThat(e.get("param").isNull()).isTrue();
        } else {
            assertThat(e.get("param").asText()).isEqualTo(param);
        }
    }

    @Test
    void withAnApiKeyEveryV1RequestNeedsIt() throws Exception {
        try (OpenAiServer keyed = OpenAiServer.start(recorder, ServerOptions.loopback(0).withApiKey("sekrit"))) {
            assertError(get(keyed.baseUrl(), "/models"), 401, "authentication_error", null, "missing API key");
            assertError(get(keyed.baseUrl(), "/models", "Authorization", "Bearer nope"), 401, "authentication_error",
                    null, "invalid API key");
            assertError(post(keyed.baseUrl(), "/chat/completions", chatBody(false, 2), "Authorization",
                    "Bearer wrong"), 401, "authentication_error", null, "invalid API key");
            assertThat(recorder.runs).isEmpty();
            assertThat(get(keyed.baseUrl(), "/models", "Authorization", "Bearer sekrit").statusCode()).isEqualTo(200);
            assertThat(post(keyed.baseUrl(), "/chat/completions", chatBody(false, 2), "Authorization",
                    "Bearer sekrit").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAddressOtherThanLoopbackNeedsAKey() {
        assertThatThrownBy(() -> new ServerOptions("0.0.0.0", 0, null, 1, ServerOptions.DEFAULT_MAX_BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-key");
        new ServerOptions("0.0.0.0", 0, "k", 1, ServerOptions.DEFAULT_MAX_BODY, List.of()); // with a key it may
        new ServerOptions("localhost", 0, null, 1, ServerOptions.DEFAULT_MAX_BODY, List.of());
    }

    @Test
    void concurrentRequestsQueueInOrderAndOneTooManyIsRefusedWith429() throws Exception {
        recorder.gate = new CountDownLatch(1); // the first generation holds the model until released
        CompletableFuture<HttpResponse<String>> a = async(chatBody(true, 4));
        awaitAdmitted(1);
        CompletableFuture<HttpResponse<String>> b = async(chatBody(false, 4));
        awaitAdmitted(2);
        HttpResponse<String> c = post(server.baseUrl(), "/chat/completions", chatBody(false, 4));
        assertError(c, 429, "rate_limit_error", null, "busy");
        assertThat(json(c.body()).get("error").get("code").asText()).isEqualTo("queue_full");
        recorder.gate.countDown();
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(events(a.get().body())).last().isEqualTo("[DONE]");
        assertThat(b.get().statusCode()).isEqualTo(200);
        assertThat(recorder.runs).hasSize(2);
        Recorder.Run first = recorder.runs.get(0);
        Recorder.Run second = recorder.runs.get(1);
        recorder.awaitResult(1);
        assertThat(second.started).as("one generation at a time, in arrival order").isGreaterThanOrEqualTo(first.ended);
        long end = System.currentTimeMillis() + 10_000; // the slot is freed just after the answer's last byte
        while (server.admittedCount() > 0 && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertThat(server.admittedCount()).isZero();
    }

    private static CompletableFuture<HttpResponse<String>> async(String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitAdmitted(int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (server.admittedCount() < n && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertThat(server.admittedCount()).isEqualTo(n);
    }

    @Test
    void aClientThatLeavesMidStreamCancelsItsGeneration() throws Exception {
        recorder.tokenDelayMs = 20; // 200 tokens would take 4 s
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/completions")).POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"Once upon a time\", "
                + "\"max_tokens\": 200, \"stream\": true}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        int events = 0;
        while (events < 3) {
            if (in.readLine().startsWith("data: ")) {
                events++;
            }
        }
        r.body().close(); // the client goes away
        GenerationResult result = recorder.awaitResult(0);
        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.stats().generatedTokens()).isBetween(3, 100);
        assertThat(post(server.baseUrl(), "/chat/completions", chatBody(false, 2)).statusCode()).isEqualTo(200);
    }

    /** Sends a request over a plain socket (so the test can leave at any moment); the caller closes it. */
    private static java.net.Socket rawPost(String path, String body) throws Exception {
        java.net.Socket socket = new java.net.Socket(server.baseUrl().getHost(), server.port());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /v1" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
        return socket;
    }

    @Test
    void aClientThatLeavesAWholeAnswerCancelsItsGenerationWithinTokens() throws Exception {
        recorder.tokenDelayMs = 20; // 200 tokens would take 4 s
        try (java.net.Socket s = rawPost("/completions", "{\"prompt\": \"Once upon a time\", \"max_tokens\": 200}")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).as("the status goes out at the first token").startsWith("HTTP/1.1 200");
        } // the client goes away before the answer
        GenerationResult result = recorder.awaitResult(0);
        assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(result.stats().generatedTokens()).isLessThan(100);
        HttpResponse<String> next = post(server.baseUrl(), "/completions", "{\"prompt\": \"Hi\", \"max_tokens\": 3}");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(json(next.body().strip()).get("timings").get("queue_ms").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aClientThatLeavesWhileQueuedIsRemovedFromTheQueueAndNeverRuns() throws Exception {
        recorder.gate = new CountDownLatch(1); // the first generation holds the one slot until released
        CompletableFuture<HttpResponse<String>> a = async(chatBody(false, 2));
        awaitAdmitted(1);
        for (boolean stream : new boolean[] {false, true}) {
            try (java.net.Socket s = rawPost("/chat/completions", chatBody(stream, 4))) {
                awaitAdmitted(2);
            } // leaves while queued
            long end = System.currentTimeMillis() + 20_000;
            while (server.admittedCount() > 1 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertThat(server.admittedCount()).as("the queued request that left is dropped").isEqualTo(1);
        }
        recorder.gate.countDown();
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(json(a.get().body().strip()).get("timings").get("queue_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(recorder.runs).as("only the first request generated").hasSize(1);
    }

    @Test
    void aMaxTokensBeyondTheContextIsCutToTheSpaceLeftAndTheAnswerSaysSo() throws Exception {
        String prompt = "word ".repeat(200);
        int space = 256 - model.render(Prompt.raw(prompt)).length() + 1; // the last token takes no cache
        HttpResponse<String> r = post(server.baseUrl(), "/completions", "{\"prompt\": \"" + prompt
                + "\", \"max_tokens\": 32000, \"temperature\": 0}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Max-Tokens-Clamped")).hasValue(Integer.toString(space));
        JsonNode j = json(r.body());
        assertThat(j.get("timings").get("max_tokens_clamped_to").asInt()).isEqualTo(space);
        assertThat(j.get("usage").get("completion_tokens").asInt()).isLessThanOrEqualTo(space);
        if (j.get("usage").get("completion_tokens").asInt() == space) {
            assertThat(j.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        }
        HttpResponse<String> fits = post(server.baseUrl(), "/completions", "{\"prompt\": \"" + prompt
                + "\", \"max_tokens\": 2}");
        assertThat(fits.headers().firstValue("X-Max-Tokens-Clamped")).isEmpty();
        assertThat(json(fits.body()).get("timings").has("max_tokens_clamped_to")).isFalse();
    }

    @Test
    void nPredictCutsEachChoiceOfAStreamAndAnUnsetMaxTokensAndTheAnswerSaysSo() throws Exception {
        Recorder capped = new Recorder(model);
        try (OpenAiServer s = OpenAiServer.start(capped, ServerOptions.loopback(0).withParallel(2).withNPredict(5))) {
            HttpResponse<String> r = post(s.baseUrl(), "/chat/completions", "{\"messages\": [{\"role\": \"user\", "
                    + "\"content\": \"hi\"}], \"n\": 2, \"max_tokens\": 100, \"ignore_eos\": true, \"stream\": true}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Max-Tokens-Clamped")).hasValue("5");
            List<JsonNode> finishes = new ArrayList<>();
            for (String e : events(r.body())) {
                if (!e.equals("[DONE]") && json(e).at("/choices/0/finish_reason").isTextual()) {
                    finishes.add(json(e));
                }
            }
            assertThat(finishes).hasSize(2);
            for (JsonNode f : finishes) {
                assertThat(f.at("/choices/0/finish_reason").asText()).isEqualTo("length");
                assertThat(f.at("/timings/max_tokens_clamped_to").asInt()).isEqualTo(5);
                assertThat(f.at("/timings/predicted_n").asInt()).isEqualTo(5);
            }
            HttpResponse<String> unset = post(s.baseUrl(), "/completions",
                    "{\"prompt\": \"Hi\", \"ignore_eos\": true}");
            assertThat(unset.headers().firstValue("X-Max-Tokens-Clamped")).as("the default, 512, is cut too")
                    .hasValue("5");
            assertThat(json(unset.body()).at("/usage/completion_tokens").asInt()).isEqualTo(5);
            assertThat(capped.runs).hasSize(3).allSatisfy(run ->
                    assertThat(run.request.limits().maxNewTokens()).isEqualTo(5));
        }
    }

    @Test
    void developerIsSystemOneModelIsListedAndUnknownFieldsAreRefusedByNameButHarmlessOnesIgnored() throws Exception {
        URI b = server.baseUrl();
        HttpResponse<String> dev = post(b, "/chat/completions", "{\"messages\": [{\"role\": \"developer\", "
                + "\"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Write quicksort\"}], "
                + "\"max_completion_tokens\": 1, \"user\": \"u-1\", \"store\": false, \"metadata\": {\"a\": \"b\"}}");
        assertThat(dev.statusCode()).as(dev.body()).isEqualTo(200);
        assertThat(recorder.awaitResult(0).promptText()).isEqualTo(model.render(Prompt.chat(List.of(
                ChatMessage.system("Be brief."), ChatMessage.user("Write quicksort")))).text());
        assertThat(json(dev.body()).get("usage").get("completion_tokens").asInt()).isEqualTo(1);
        HttpResponse<String> one = get(b, "/models/" + model.info().name());
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json(one.body()).get("id").asText()).isEqualTo(model.info().name());
        assertThat(json(one.body()).get("object").asText()).isEqualTo("model");
        assertError(get(b, "/models/gpt-4o"), 404, "not_found_error", "model", "gpt-4o");
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"min_p\": 0.1, \"user\": \"x\"}"), 400, "invalid_request_error", "min_p", "unknown field min_p");
        assertError(post(b, "/completions", "{\"prompt\": \"hi\", \"guided_json\": {}, \"mirostat\": 2}"), 400,
                "invalid_request_error", "guided_json", "unknown fields guided_json, mirostat");
    }

    @Test
    void logprobsComeInOpenAisShapesForChatStreamsAndTextCompletions() throws Exception {
        URI b = server.baseUrl();
        String ask = "{\"messages\": [{\"role\": \"user\", \"content\": \"Write quicksort\"}], \"temperature\": 0, "
                + "\"max_tokens\": 4, \"logprobs\": true, \"top_logprobs\": 3";
        HttpResponse<String> r = post(b, "/chat/completions", ask + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        GenerationResult direct = recorder.awaitResult(0);
        JsonNode content = json(r.body()).get("choices").get(0).get("logprobs").get("content");
        int n = direct.stats().generatedTokens() - (direct.finishReason() == FinishReason.EOS ? 1 : 0);
        assertThat(content).hasSize(n);
        for (int i = 0; i < n; i++) {
            JsonNode e = content.get(i);
            String token = model.render(Prompt.tokens(new int[] {direct.tokenIds()[i]})).text();
            assertThat(e.get("token").asText()).isEqualTo(token);
            assertThat(e.get("logprob").asDouble()).isEqualTo(direct.logprobs().get(i).logprob()).isLessThanOrEqualTo(0);
            assertThat(e.get("bytes")).hasSize(token.getBytes(StandardCharsets.UTF_8).length);
            assertThat(e.get("top_logprobs")).hasSize(3);
            assertThat(e.get("top_logprobs").get(0).get("logprob").asDouble()).as("greedy: the chosen is the likeliest")
                    .isEqualTo(e.get("logprob").asDouble());
        }
        HttpResponse<String> streamed = post(b, "/chat/completions", ask + ", \"stream\": true}");
        List<String> events = events(streamed.body());
        JsonNode last = json(events.get(events.size() - 2)).get("choices").get(0);
        assertThat(last.get("logprobs").get("content")).isEqualTo(content);
        HttpResponse<String> text = post(b, "/completions", "{\"prompt\": \"Once upon\", \"max_tokens\": 3, "
                + "\"temperature\": 0, \"logprobs\": 2}");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        JsonNode legacy = json(text.body()).get("choices").get(0).get("logprobs");
        int m = legacy.get("tokens").size();
        assertThat(m).isPositive();
        assertThat(legacy.get("token_logprobs")).hasSize(m);
        assertThat(legacy.get("text_offset").get(0).asInt()).isZero();
        assertThat(legacy.get("top_logprobs").get(0).size()).isBetween(1, 2);
        assertError(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"top_logprobs\": 2}"), 400, "invalid_request_error", "top_logprobs", "logprobs");
        assertThat(json(post(b, "/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], "
                + "\"max_tokens\": 1}").body()).get("choices").get(0).get("logprobs").isNull()).isTrue();
    }

    @Test
    void nChoicesAreSeveralSequencesWithTheirOwnSeedsStreamedByIndex() throws Exception {
        URI b = server.baseUrl();
        String ask = "{\"messages\": [{\"role\": \"user\", \"content\": \"Write quicksort\"}], \"max_tokens\": 5, "
                + "\"n\": 3, ";
        JsonNode sampled = json(post(b, "/chat/completions", ask + "\"temperature\": 1.0, \"seed\": 11}").body());
        assertThat(sampled.get("choices")).hasSize(3);
        List<Long> seeds = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(sampled.get("choices").get(i).get("index").asInt()).isEqualTo(i);
            GenerationResult r = recorder.awaitResult(i);
            seeds.add(r.sampling().seed());
            tokens += r.stats().generatedTokens();
        }
        assertThat(seeds).as("each choice its own seed").doesNotHaveDuplicates();
        assertThat(sampled.get("usage").get("completion_tokens").asInt()).isEqualTo(tokens);
        recorder.reset();
        JsonNode greedy = json(post(b, "/chat/completions", ask + "\"temperature\": 0}").body());
        assertThat(greedy.get("choices").findValuesAsText("content")).hasSize(3).containsOnly(
                greedy.get("choices").get(0).get("message").get("content").asText());
        List<String> events = events(post(b, "/chat/completions", ask + "\"temperature\": 0, \"stream\": true}").body());
        assertThat(events).last().isEqualTo("[DONE]");
        StringBuilder[] texts = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        int finished = 0;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode c = json(e).get("choices").get(0);
            texts[c.get("index").asInt()].append(c.path("delta").path("content").asText(""));
            finished += c.hasNonNull("finish_reason") ? 1 : 0;
        }
        assertThat(finished).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(texts[i].toString()).isEqualTo(greedy.get("choices").get(i).get("message").get("content").asText());
        }
    }
}
