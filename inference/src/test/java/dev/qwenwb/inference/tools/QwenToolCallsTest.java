package dev.qwenwb.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.grammar.GrammarConstraint;
import dev.qwenwb.inference.grammar.JsonSchemaException;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.ToolCall;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Qwen2.5's tool calls: rendered by the model's own template, read out of replies, forced by a grammar. */
class QwenToolCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER = "{\"type\": \"object\", \"properties\": {\"city\": {\"enum\": [\"Beijing\", "
            + "\"Paris\"]}, \"days\": {\"type\": \"integer\"}, \"metric\": {\"type\": \"boolean\"}}, \"required\": "
            + "[\"city\", \"days\"]}";

    @Test
    void readsEveryCallAndTheTextAroundThem() {
        QwenToolCalls.Parsed p = QwenToolCalls.parse("Let me check.\n<tool_call>\n{\"name\": \"get_weather\", "
                + "\"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"now\", \"arguments\": "
                + "\"{\\\"tz\\\": \\\"UTC\\\"}\"}\n</tool_call>");
        assertThat(p.content()).isEqualTo("Let me check.");
        assertThat(p.calls()).containsExactly(new QwenToolCalls.Call("get_weather", "{\"city\":\"Paris\"}"),
                new QwenToolCalls.Call("now", "{\"tz\":\"UTC\"}"));
        assertThat(QwenToolCalls.parse("just text").calls()).isEmpty();
    }

    @Test
    void aMalformedCallIsTextNeverAnError() {
        String broken = "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": }\n</tool_call>";
        assertThat(QwenToolCalls.parse(broken)).isEqualTo(new QwenToolCalls.Parsed(broken, List.of()));
        String unclosed = "<tool_call>\n{\"name\": \"f\"";
        assertThat(QwenToolCalls.parse(unclosed).calls()).isEmpty();
        assertThat(QwenToolCalls.parse("<tool_call>{\"arguments\": {}}</tool_call>").calls()).as("no name").isEmpty();
    }

    @Test
    void theTemplateRendersToolsAndCallsAndResultsInTheHistory() throws Exception {
        try (DjlModel m = tiny()) {
            Map<String, Object> tool = Map.of("type", "function", "function", Map.of("name", "get_weather",
                    "description", "Weather of a city", "parameters", JSON.readValue(WEATHER, Map.class)));
            String text = m.render(Prompt.chat(List.of(ChatMessage.user("Weather in Paris?"),
                    ChatMessage.assistant("", List.of(new ToolCall("get_weather", Map.of("city", "Paris")))),
                    new ChatMessage("tool", "{\"temp\": 21}", null)), List.of(tool))).text();
            assertThat(text).contains("<tools>").contains("\"name\": \"get_weather\"")
                    .contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>")
                    .contains("<tool_response>\n{\"temp\": 21}\n</tool_response>");
            String without = m.render(Prompt.chat(List.of(ChatMessage.user("Weather in Paris?")))).text();
            assertThat(without).doesNotContain("<tools>");
        }
    }

    @Test
    void aRequiredCallFromRandomWeightsIsAValidCallOfAnOfferedFunction() throws Exception {
        JsonNode schema = JSON.readTree(WEATHER);
        var grammar = QwenToolCalls.grammar(List.of(new QwenToolCalls.Function("get_weather", schema),
                new QwenToolCalls.Function("no_args", JSON.readTree("{\"type\": \"object\", \"properties\": {}}"))));
        try (DjlModel m = tiny()) {
            for (long seed = 1; seed <= 2; seed++) {
                GenerationResult r = m.generate(new GenerationRequest(Prompt.chat(List.of(ChatMessage.user("hi"))),
                        new Sampling(false, 1.0, 1.0, 0, 1.0, seed), Limits.maxTokens(200))
                        .withConstraint(GrammarConstraint.factory(grammar)));
                // the first call is whole (every argument is bounded); random weights may go on with more calls
                int end = r.text().indexOf("</tool_call>");
                assertThat(end).as(r.text()).isPositive();
                QwenToolCalls.Parsed p = QwenToolCalls.parse(r.text().substring(0, end + "</tool_call>".length()));
                assertThat(p.content()).as(r.text()).isEmpty();
                assertThat(p.calls()).as(r.text()).hasSize(1);
                QwenToolCalls.Call c = p.calls().get(0);
                assertThat(c.name()).isIn("get_weather", "no_args");
                JsonNode args = JSON.readTree(c.arguments());
                if (c.name().equals("get_weather")) {
                    assertThat(args.get("city").asText()).isIn("Beijing", "Paris");
                    assertThat(args.get("days").isIntegralNumber()).isTrue();
                }
            }
        }
    }

    @Test
    void aSchemaTheGrammarCannotTakeNamesTheFunction() {
        assertThatThrownBy(() -> QwenToolCalls.grammar(List.of(new QwenToolCalls.Function("f",
                JSON.readTree("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 2}}}")))))
                .isInstanceOf(JsonSchemaException.class).hasMessageContaining("tools[f]").hasMessageContaining("minLength");
    }

    private static DjlModel tiny() {
        return DjlModel.load(TinyModels.tiny(TensorDType.F32), EngineOptions.defaults()
                .withDevice(DeviceSpec.parse("cpu")).withDtype(ComputeDType.F32).withContextLength(512));
    }
}
