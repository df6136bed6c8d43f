package dev.qwenwb.inference.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.Vocabulary;
import java.util.Objects;
import java.util.Set;

/**
 * JSON output as OpenAI's {@code response_format} asks for it — {@code json_object} (any JSON object) or
 * {@code json_schema} (JSON that validates against a schema) — and the one converter of it: for a local engine it is
 * the {@link TokenConstraint.Factory} of a {@link dev.qwenwb.inference.generate.GenerationRequest#constraint() request} (a {@link JsonSchemaGrammar}
 * decoding cannot leave); a remote endpoint's client sends {@link #toJson()} on instead. The server, the chat and
 * the evaluation's configurations all build theirs here, so a schema means the same everywhere.
 *
 * @see dev.qwenwb.inference.generate.GenerationRequest
 */
public final class ResponseFormat implements TokenConstraint.Factory {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the output must be. */
    public enum Kind {
        /** Any JSON object. */
        JSON_OBJECT,
        /** JSON valid under {@link #schema()}. */
        JSON_SCHEMA
    }

    private final Kind kind;
    private final JsonNode schema;
    private final String name;
    private final Boolean strict;
    private final Grammar grammar;

    private ResponseFormat(Kind kind, JsonNode schema, String name, Boolean strict, Grammar grammar) {
        this.kind = kind;
        this.schema = schema;
        this.name = name;
        this.strict = strict;
        this.grammar = grammar;
    }

    /** @return any JSON object ({@code json_object}) */
    public static ResponseFormat jsonObject() {
        return new ResponseFormat(Kind.JSON_OBJECT, null, null, null, JsonSchemaGrammar.anyObject());
    }

    /**
     * @param schema a JSON schema (the subset {@link JsonSchemaGrammar} takes)
     * @return JSON valid under it ({@code json_schema}, named {@code output} on the wire)
     * @throws JsonSchemaException for a keyword or shape the converter cannot take, naming it and its path
     *                             ({@code schema.properties.x: …})
     */
    public static ResponseFormat jsonSchema(JsonNode schema) {
        return jsonSchema(schema, "output", null);
    }

    private static ResponseFormat jsonSchema(JsonNode schema, String name, Boolean strict) {
        Objects.requireNonNull(schema, "schema");
        return new ResponseFormat(Kind.JSON_SCHEMA, schema.deepCopy(), name, strict, JsonSchemaGrammar.of(schema));
    }

    /**
     * Reads OpenAI's {@code response_format} object.
     *
     * @param format the {@code response_format} value, or null
     * @return the format, or null for none or {@code {"type": "text"}}
     * @throws Invalid naming the field at fault ({@code response_format.type},
     *                 {@code response_format.json_schema.schema}) and why
     */
    public static ResponseFormat parse(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        if (!format.isObject()) {
            throw new Invalid("response_format", "response_format: expected {\"type\": \"text\" | \"json_object\" | "
                    + "\"json_schema\", …}");
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text":
                return null;
            case "json_object":
                return jsonObject();
            case "json_schema":
                JsonNode js = format.path("json_schema");
                JsonNode schema = js.get("schema");
                String field = "response_format.json_schema.schema";
                if (schema == null || !schema.isObject()) {
                    throw new Invalid(field, field + ": expected a JSON schema object");
                }
                try {
                    return jsonSchema(schema, js.path("name").asText("output"),
                            js.path("strict").isBoolean() ? js.get("strict").asBoolean() : null);
                } catch (JsonSchemaException e) {
                    throw new Invalid(field, "response_format.json_schema." + e.getMessage());
                }
            default:
                throw new Invalid("response_format.type", "response_format.type: expected \"text\", \"json_object\" "
                        + "or \"json_schema\", got '" + type + "'");
        }
    }

    /** @return the kind of output */
    public Kind kind() {
        return kind;
    }

    /** @return the schema ({@link Kind#JSON_SCHEMA}), else null */
    public JsonNode schema() {
        return schema == null ? null : schema.deepCopy();
    }

    /** @return the {@code response_format} object as OpenAI's API takes it */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (kind == Kind.JSON_OBJECT) {
            return o.put("type", "json_object");
        }
        o.put("type", "json_schema");
        ObjectNode js = o.putObject("json_schema").put("name", name);
        if (strict != null) {
            js.put("strict", strict);
        }
        js.set("schema", schema.deepCopy());
        return o;
    }

    /** A new grammar constraint per generation. */
    @Override
    public TokenConstraint create(Vocabulary vocabulary, Set<Integer> eosIds) {
        return new GrammarConstraint(grammar, vocabulary, eosIds);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /** A {@code response_format} a caller cannot use: names the field ({@link #field()}) and why. */
    public static final class Invalid extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;
        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        /** @return the field at fault, e.g. {@code response_format.json_schema.schema} */
        public String field() {
            return field;
        }
    }
}
