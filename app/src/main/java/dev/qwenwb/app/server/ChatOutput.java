package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.grammar.GrammarConstraint;
import dev.qwenwb.inference.grammar.JsonSchemaException;
import dev.qwenwb.inference.grammar.ResponseFormat;
import dev.qwenwb.inference.tools.QwenToolCalls;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a chat request asks of its output beyond text: OpenAI's {@code tools} and {@code tool_choice}, and
 * {@code response_format}. The tools go to the model's own chat template; {@code tool_choice: "required"} or a named
 * function, and {@code json_object}/{@code json_schema} formats, become a grammar that decoding cannot leave.
 *
 * @param tools       the offered functions as the chat template takes them (empty: none, or {@code tool_choice:
 *                    "none"})
 * @param parseCalls  whether the reply is read for Qwen2.5's {@code <tool_call>} blocks
 * @param constraint  the grammar of the output, or null
 */
record ChatOutput(List<Map<String, Object>> tools, boolean parseCalls, TokenConstraint.Factory constraint) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final ChatOutput TEXT = new ChatOutput(List.of(), false, null);

    /** Reads {@code tools}, {@code tool_choice} and {@code response_format}: each wrong value a 400 naming its field. */
    @SuppressWarnings("unchecked")
    static ChatOutput of(JsonNode root) {
        JsonNode tools = Fields.get(root, "tools");
        List<QwenToolCalls.Function> functions = new ArrayList<>();
        List<Map<String, Object>> rendered = new ArrayList<>();
        if (tools != null) {
            if (!tools.isArray()) {
                throw ApiError.invalid("tools", "tools: expected an array of {\"type\": \"function\", \"function\": "
                        + "{\"name\", \"description\", \"parameters\"}}");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < tools.size(); i++) {
                String where = "tools[" + i + "]";
                JsonNode t = tools.get(i);
                if (!t.isObject() || !"function".equals(t.path("type").asText("function"))) {
                    throw ApiError.invalid(where, where + ": expected {\"type\": \"function\", \"function\": {…}}");
                }
                JsonNode f = t.path("function");
                JsonNode name = f.path("name");
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw ApiError.invalid(where + ".function.name", where + ".function.name: every tool needs a name");
                }
                if (!names.add(name.asText())) {
                    throw ApiError.invalid(where + ".function.name", where + ".function.name: '" + name.asText()
                            + "' is offered twice");
                }
                JsonNode params = f.get("parameters");
                if (params != null && !params.isNull() && !params.isObject()) {
                    throw ApiError.invalid(where + ".function.parameters", where
                            + ".function.parameters: expected a JSON schema object");
                }
                functions.add(new QwenToolCalls.Function(name.asText(), params == null || params.isNull() ? null
                        : params));
                rendered.add(JSON.convertValue(t.has("type") ? t : JSON.createObjectNode().put("type", "function")
                        .set("function", f), Map.class));
            }
        }
        String choice = "auto";
        String named = null;
        JsonNode tc = Fields.get(root, "tool_choice");
        if (tc != null) {
            if (tc.isTextual() && Set.of("none", "auto", "required").contains(tc.asText())) {
                choice = tc.asText();
            } else if (tc.isObject() && tc.path("function").path("name").isTextual()) {
                choice = "named";
                named = tc.path("function").path("name").asText();
            } else {
                throw ApiError.invalid("tool_choice", "tool_choice: expected \"none\", \"auto\", \"required\" or "
                        + "{\"type\": \"function\", \"function\": {\"name\": …}}");
            }
            if (!"none".equals(choice) && functions.isEmpty()) {
                throw ApiError.invalid("tool_choice", "tool_choice: '" + (named != null ? named : choice)
                        + "' needs tools to choose from");
            }
        }
        JsonNode parallel = Fields.get(root, "parallel_tool_calls");
        if (parallel != null && !parallel.isBoolean()) {
            throw ApiError.invalid("parallel_tool_calls", "parallel_tool_calls: expected true or false");
        }
        boolean several = parallel == null || parallel.asBoolean();
        TokenConstraint.Factory constraint = null;
        if (named != null) {
            String n = named;
            List<QwenToolCalls.Function> one = functions.stream().filter(f -> f.name().equals(n)).toList();
            if (one.isEmpty()) {
                throw ApiError.invalid("tool_choice", "tool_choice: names '" + named + "', which is not among the "
                        + "tools offered (" + String.join(", ", functions.stream().map(QwenToolCalls.Function::name)
                        .toList()) + ")");
            }
            constraint = toolGrammar(one, several);
        } else if ("required".equals(choice)) {
            constraint = toolGrammar(functions, several);
        }
        TokenConstraint.Factory format = format(Fields.get(root, "response_format"));
        if (format != null && constraint != null) {
            throw ApiError.invalid("response_format", "response_format: a JSON format cannot be combined with "
                    + "tool_choice '" + (named != null ? named : choice) + "' (the output is a tool call)");
        }
        boolean offered = !functions.isEmpty() && !"none".equals(choice);
        return new ChatOutput(offered ? rendered : List.of(), offered, constraint != null ? constraint : format);
    }

    private static TokenConstraint.Factory toolGrammar(List<QwenToolCalls.Function> functions, boolean several) {
        try {
            return GrammarConstraint.factory(QwenToolCalls.grammar(functions, several));
        } catch (JsonSchemaException e) {
            throw ApiError.invalid("tools", e.getMessage());
        }
    }

    private static TokenConstraint.Factory format(JsonNode f) {
        try {
            return ResponseFormat.parse(f);
        } catch (ResponseFormat.Invalid e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
    }
}
