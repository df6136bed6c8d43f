package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen2.5 chat template renders exactly what transformers' apply_chat_template gives. */
class QwenChatTemplateTest {

    private static final String DEFAULT_SYSTEM = "<|im_start|>system\n"
            + "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n";
    private static final String TOOLS_INTRO = "\n\n# Tools\n\nYou may call one or more functions to assist with"
            + " the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n"
            + "<tools>\n";
    private static final String TOOLS_OUTRO = "\n</tools>\n\nFor each function call, return a json object with"
            + " function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
            + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n";
    private static final String WEATHER_JSON = "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\","
            + " \"description\": \"Get the weather\", \"parameters\": {\"type\": \"object\", \"properties\":"
            + " {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}";

    @TempDir
    static Path dir;
    private static ChatTemplate qwen;

    @BeforeAll
    static void loadTemplateFromTokenizerConfig() throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        try (InputStream in = QwenChatTemplateTest.class
                .getResourceAsStream("/assets/tokenizer/qwen2.5/tokenizer_config.json")) {
            assertThat(in).as("assets module on the test classpath").isNotNull();
            Files.copy(in, config);
        }
        qwen = ChatTemplate.fromTokenizerConfig(config);
    }

    @Test
    void oneUserMessageGetsTheDefaultSystemPromptAndTheAssistantHeader() {
        assertThat(qwen.render(List.of(ChatMessage.user("Hello")), true)).isEqualTo(
                DEFAULT_SYSTEM + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void withoutGenerationPromptTheTextEndsAfterTheLastTurn() {
        assertThat(qwen.render(List.of(ChatMessage.user("Hello")), false)).isEqualTo(
                DEFAULT_SYSTEM + "<|im_start|>user\nHello<|im_end|>\n");
    }

    @Test
    void aSystemMessageReplacesTheDefaultOne() {
        String prompt = qwen.render(List.of(ChatMessage.system("You are a terse assistant."),
                ChatMessage.user("Hi")), true);
        assertThat(prompt).isEqualTo("<|im_start|>system\nYou are a terse assistant.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void multiTurnConversationKeepsEveryTurnInOrder() {
        String prompt = qwen.render(List.of(ChatMessage.user("What is 2+2?"), ChatMessage.assistant("4"),
                ChatMessage.user("And 3+3?")), true);
        assertThat(prompt).isEqualTo(DEFAULT_SYSTEM
                + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                + "<|im_start|>assistant\n4<|im_end|>\n"
                + "<|im_start|>user\nAnd 3+3?<|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void chineseTextPassesThroughUnchanged() {
        String prompt = qwen.render(List.of(ChatMessage.user("你好，请用中文介绍一下你自己。"),
                ChatMessage.assistant("我是通义千问。")), false);
        assertThat(prompt).isEqualTo(DEFAULT_SYSTEM
                + "<|im_start|>user\n你好，请用中文介绍一下你自己。<|im_end|>\n"
                + "<|im_start|>assistant\n我是通义千问。<|im_end|>\n");
    }

    @Test
    void messageTextThatLooksLikeJinjaIsNotInterpreted() {
        String prompt = qwen.render(List.of(ChatMessage.user("{{ 1 + 1 }} {% raw %}\n  indented")), false);
        assertThat(prompt).isEqualTo(DEFAULT_SYSTEM
                + "<|im_start|>user\n{{ 1 + 1 }} {% raw %}\n  indented<|im_end|>\n");
    }

    @Test
    void toolsAreListedAsPythonStyleJsonInTheSystemTurn() {
        String prompt = qwen.render(List.of(ChatMessage.user("Weather in Beijing?")), List.of(weatherTool()), true);
        assertThat(prompt).isEqualTo("<|im_start|>system\n"
                + "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + TOOLS_INTRO + WEATHER_JSON + TOOLS_OUTRO
                + "<|im_start|>user\nWeather in Beijing?<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void withToolsACustomSystemMessageHeadsTheToolsBlock() {
        String prompt = qwen.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Weather?")),
                List.of(weatherTool()), false);
        assertThat(prompt).isEqualTo("<|im_start|>system\nBe brief."
                + TOOLS_INTRO + WEATHER_JSON + TOOLS_OUTRO
                + "<|im_start|>user\nWeather?<|im_end|>\n");
    }

    @Test
    void assistantToolCallsAndGroupedToolResponses() {
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Weather in Beijing and Shanghai?"),
                ChatMessage.assistant("", List.of(
                        new ToolCall("get_weather", Map.of("city", "Beijing")),
                        new ToolCall("get_weather", Map.of("city", "上海")))),
                ChatMessage.tool("{\"temp\": 20}"),
                ChatMessage.tool("{\"temp\": 25}"),
                ChatMessage.assistant("Beijing 20, Shanghai 25."));
        String prompt = qwen.render(messages, List.of(weatherTool()), true);
        assertThat(prompt).isEqualTo("<|im_start|>system\n"
                + "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."
                + TOOLS_INTRO + WEATHER_JSON + TOOLS_OUTRO
                + "<|im_start|>user\nWeather in Beijing and Shanghai?<|im_end|>\n"
                + "<|im_start|>assistant\n"
                + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Beijing\"}}\n</tool_call>\n"
                + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"上海\"}}\n</tool_call>"
                + "<|im_end|>\n"
                + "<|im_start|>user\n"
                + "<tool_response>\n{\"temp\": 20}\n</tool_response>\n"
                + "<tool_response>\n{\"temp\": 25}\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\nBeijing 20, Shanghai 25.<|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void assistantTextBeforeAToolCallComesFirst() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("city", "Beijing");
        args.put("days", 3);
        args.put("metric", true);
        String prompt = qwen.render(List.of(ChatMessage.user("Weather?"),
                ChatMessage.assistant("Let me check.", List.of(new ToolCall("get_weather", args)))), false);
        assertThat(prompt).endsWith("<|im_start|>assistant\nLet me check.\n<tool_call>\n"
                + "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Beijing\", \"days\": 3, \"metric\": true}}\n"
                + "</tool_call><|im_end|>\n");
    }

    static Map<String, Object> weatherTool() {
        Map<String, Object> city = new LinkedHashMap<>();
        city.put("type", "string");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of("city", city));
        parameters.put("required", List.of("city"));
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", "get_weather");
        function.put("description", "Get the weather");
        function.put("parameters", parameters);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("function", function);
        return tool;
    }
}
