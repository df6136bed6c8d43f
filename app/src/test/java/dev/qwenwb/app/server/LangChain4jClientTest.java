package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * LangChain4j's OpenAI chat model (dev.langchain4j:langchain4j-open-ai, test scope only) pointed at the server, as a
 * Java agent would use it: a required tool call and a JSON schema answer, from the tiny model's random weights.
 */
@Timeout(240)
class LangChain4jClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DjlModel model;
    private static OpenAiServer server;

    @BeforeAll
    static void start() throws Exception {
        model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 1024, 0));
        server = OpenAiServer.start(model, ServerOptions.loopback(0).withApiKey("sk-local"));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    private static OpenAiChatModel client(boolean strict) {
        return OpenAiChatModel.builder().baseUrl(server.baseUrl().toString()).apiKey("sk-local")
                .modelName(model.info().name()).temperature(1.0).seed(5).maxTokens(200).parallelToolCalls(false)
                .strictTools(strict).strictJsonSchema(strict).timeout(Duration.ofSeconds(200)).build();
    }

    @Test
    void aRequiredToolCallComesBackAsAToolExecutionRequest() throws Exception {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Weather of a city")
                .parameters(JsonObjectSchema.builder().addEnumProperty("city", List.of("Beijing", "Paris"))
                        .addIntegerProperty("days").required("city", "days").build())
                .build();
        ChatResponse r = client(true).chat(ChatRequest.builder().messages(UserMessage.from("Weather in Paris?"))
                .toolSpecifications(weather).toolChoice(ToolChoice.REQUIRED).build());
        assertThat(r.aiMessage().hasToolExecutionRequests()).as(String.valueOf(r.aiMessage())).isTrue();
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().get(0);
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.id()).startsWith("call_");
        JsonNode args = JSON.readTree(call.arguments());
        assertThat(args.get("city").asText()).isIn("Beijing", "Paris");
        assertThat(args.get("days").isIntegralNumber()).isTrue();
    }

    @Test
    void aJsonSchemaAnswerValidates() throws Exception {
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("verdict").rootElement(JsonObjectSchema.builder().addBooleanProperty("ok")
                        .addEnumProperty("lang", List.of("python", "java")).required("ok", "lang").build())
                .build()).build();
        ChatResponse r = client(true).chat(ChatRequest.builder().messages(UserMessage.from("Is quicksort O(n log n)?"))
                .responseFormat(format).build());
        JsonNode answer = JSON.readTree(r.aiMessage().text());
        assertThat(answer.get("ok").isBoolean()).as(r.aiMessage().text()).isTrue();
        assertThat(answer.get("lang").asText()).isIn("python", "java");
    }
}
