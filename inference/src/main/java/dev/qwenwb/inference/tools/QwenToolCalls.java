package dev.qwenwb.inference.tools;

import static dev.qwenwb.inference.grammar.Grammar.Builder.ref;
import static dev.qwenwb.inference.grammar.Grammar.Builder.seq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.grammar.Grammar;
import dev.qwenwb.inference.grammar.JsonSchemaGrammar;
import dev.qwenwb.inference.grammar.JsonSchemaException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Qwen2.5's tool-call format, as its chat template tells the model to write it: each call is
 * {@code <tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>}. This class reads
 * calls out of a reply ({@link #parse}) and writes the grammar that makes decoding produce only valid calls of the
 * offered functions ({@link #grammar}) — for OpenAI's {@code tool_choice: "required"} or a named function.
 */
public final class QwenToolCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CALL = Pattern.compile("<tool_call>\\s*(.*?)\\s*</tool_call>", Pattern.DOTALL);
    private static final String OPEN = "<tool_call>\n{\"name\": ";
    private static final String CLOSE = "}\n</tool_call>";

    private QwenToolCalls() {
    }

    /**
     * One function the model may call.
     *
     * @param name       the function's name
     * @param parameters its arguments' JSON schema (null = any object)
     */
    public record Function(String name, JsonNode parameters) {
        public Function {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a function without a name");
            }
        }
    }

    /**
     * One call read from a reply.
     *
     * @param name      the function called
     * @param arguments its arguments as JSON text (an object)
     */
    public record Call(String name, String arguments) {
    }

    /**
     * A reply split into text and calls.
     *
     * @param content the text outside the calls (trimmed; empty when the reply is only calls)
     * @param calls   the calls, in order; empty when there are none or one is malformed (the whole reply is then
     *                the content)
     */
    public record Parsed(String content, List<Call> calls) {
    }

    /**
     * Reads the calls out of a reply. A reply whose {@code <tool_call>} blocks are not all valid calls (JSON with a
     * string {@code name} and object {@code arguments}) is text, returned whole as the content.
     */
    public static Parsed parse(String reply) {
        List<Call> calls = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        Matcher m = CALL.matcher(reply);
        int last = 0;
        while (m.find()) {
            content.append(reply, last, m.start());
            last = m.end();
            try {
                JsonNode n = JSON.readTree(m.group(1));
                JsonNode name = n.get("name");
                JsonNode args = n.has("arguments") ? n.get("arguments") : JSON.createObjectNode();
                if (args.isTextual()) { // some models write the arguments as a JSON string
                    args = JSON.readTree(args.asText());
                }
                if (name == null || !name.isTextual() || !args.isObject()) {
                    return new Parsed(reply.strip(), List.of());
                }
                calls.add(new Call(name.asText(), JSON.writeValueAsString(args)));
            } catch (JsonProcessingException | RuntimeException e) {
                return new Parsed(reply.strip(), List.of());
            }
        }
        if (reply.indexOf("<tool_call>", last) >= 0) { // an unclosed call: the model was cut off or went astray
            return new Parsed(reply.strip(), List.of());
        }
        content.append(reply.substring(last));
        return new Parsed(content.toString().strip(), calls);
    }

    /**
     * The grammar of one or more calls of the offered functions, each with arguments valid under its schema.
     *
     * @throws JsonSchemaException for a parameters schema the grammar cannot take (naming the function)
     */
    public static Grammar grammar(List<Function> functions) {
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("no function to call");
        }
        JsonSchemaGrammar.Embedder e = new JsonSchemaGrammar.Embedder();
        Grammar.Builder b = e.builder();
        List<List<Grammar.Symbol>> alternatives = new ArrayList<>();
        for (Function f : functions) {
            JsonNode schema = f.parameters() != null ? f.parameters() : JSON.createObjectNode().put("type", "object");
            int args = e.value(schema, "tools[" + f.name() + "].function.parameters");
            alternatives.add(seq(OPEN, quoted(f.name()), ", \"arguments\": ", ref(args), CLOSE));
        }
        int call = b.rule("tool_call", alternatives);
        int more = b.rule("more_calls");
        b.define(more, List.of(seq("\n", ref(call), ref(more)), seq()));
        return b.build(b.rule("tool_calls", List.of(seq(ref(call), ref(more)))));
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
