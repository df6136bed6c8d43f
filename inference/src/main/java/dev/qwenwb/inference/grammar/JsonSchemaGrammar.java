package dev.qwenwb.inference.grammar;

import static dev.qwenwb.inference.grammar.Grammar.Builder.range;
import static dev.qwenwb.inference.grammar.Grammar.Builder.ref;
import static dev.qwenwb.inference.grammar.Grammar.Builder.seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON schemas (the common subset OpenAI's structured outputs use) as byte {@link Grammar}s, so that decoding can
 * only produce JSON that validates: objects with their properties in the order declared (required ones always,
 * optional ones may be left out, no others), arrays of {@code items} (with {@code minItems}/{@code maxItems}),
 * strings (with {@code enum}), numbers, integers, booleans, null, {@code const}, {@code enum} of any values,
 * {@code anyOf}/{@code oneOf}, a list of types; a schema without a type is any JSON value. Annotations (title,
 * description, default, examples, format, …) are allowed and ignored; any other keyword is refused with a
 * {@link JsonSchemaException} naming it. Whitespace: at most one space where JSON allows it; numbers have at most 15
 * digits in each part, so a model cannot run on forever inside one.
 */
public final class JsonSchemaGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$schema",
            "$id", "$comment", "format", "deprecated", "readOnly", "writeOnly", "strict", "name");
    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "anyOf", "oneOf", "minItems", "maxItems");
    private static final int MAX_DIGITS = 15;

    private final Grammar.Builder b = new Grammar.Builder();
    private int ws = -1;
    private int string = -1;
    private int number = -1;
    private int integer = -1;
    private int any = -1;
    private int anyObject = -1;

    private JsonSchemaGrammar() {
    }

    /**
     * @param schema a JSON schema
     * @return the grammar of the JSON texts that validate against it
     * @throws JsonSchemaException for a keyword or shape this converter cannot take
     */
    public static Grammar of(JsonNode schema) {
        JsonSchemaGrammar g = new JsonSchemaGrammar();
        return g.b.build(g.value(schema, "schema"));
    }

    /** @return the grammar of any JSON object (OpenAI's {@code response_format: json_object}) */
    public static Grammar anyObject() {
        JsonSchemaGrammar g = new JsonSchemaGrammar();
        return g.b.build(g.genericObject());
    }

    /** A builder's view for grammars that embed schema values (tool calls): adds the value rule of a schema. */
    public static final class Embedder {
        private final JsonSchemaGrammar g = new JsonSchemaGrammar();

        /** @return the grammar builder the rules go into */
        public Grammar.Builder builder() {
            return g.b;
        }

        /** @return a rule matching the JSON values valid under {@code schema} */
        public int value(JsonNode schema, String path) {
            return g.value(schema, path);
        }

        /** @return the rule of an optional single space */
        public int ws() {
            return g.ws();
        }
    }

    private int value(JsonNode s, String path) {
        if (s == null || s.isBoolean() && s.asBoolean()) {
            return any();
        }
        if (!s.isObject()) {
            throw new JsonSchemaException("type", path, "expected a schema object, got " + abbreviate(s));
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYWORDS.contains(k) && !ANNOTATIONS.contains(k)) {
                throw new JsonSchemaException(k, path, "the schema keyword '" + k + "' is not supported (supported: "
                        + String.join(", ", KEYWORDS.stream().sorted().toList()) + ")");
            }
        }
        if (s.has("const")) {
            return literalRule(List.of(s.get("const")), path);
        }
        if (s.has("enum")) {
            JsonNode e = s.get("enum");
            if (!e.isArray() || e.isEmpty()) {
                throw new JsonSchemaException("enum", path + ".enum", "expected a non-empty array");
            }
            List<JsonNode> values = new ArrayList<>();
            e.forEach(values::add);
            return literalRule(values, path);
        }
        for (String k : List.of("anyOf", "oneOf")) {
            if (s.has(k)) {
                JsonNode alts = s.get(k);
                if (!alts.isArray() || alts.isEmpty()) {
                    throw new JsonSchemaException(k, path + "." + k, "expected a non-empty array of schemas");
                }
                List<List<Grammar.Symbol>> out = new ArrayList<>();
                for (int i = 0; i < alts.size(); i++) {
                    out.add(seq(ref(value(alts.get(i), path + "." + k + "[" + i + "]"))));
                }
                return b.rule(path, out);
            }
        }
        JsonNode type = s.get("type");
        if (type == null) {
            return s.has("properties") ? object(s, path) : s.has("items") ? array(s, path) : any();
        }
        if (type.isArray()) {
            List<List<Grammar.Symbol>> out = new ArrayList<>();
            for (JsonNode t : type) {
                out.add(seq(ref(typed(t.asText(), s, path))));
            }
            if (out.isEmpty()) {
                throw new JsonSchemaException("type", path + ".type", "an empty list of types allows nothing");
            }
            return b.rule(path, out);
        }
        return typed(type.asText(), s, path);
    }

    private int typed(String type, JsonNode s, String path) {
        switch (type) {
            case "object":
                return s.has("properties") ? object(s, path) : genericObject();
            case "array":
                return array(s, path);
            case "string":
                return string();
            case "number":
                return number();
            case "integer":
                return integer();
            case "boolean":
                return b.rule("boolean", List.of(seq("true"), seq("false")));
            case "null":
                return b.rule("null", List.of(seq("null")));
            default:
                throw new JsonSchemaException("type", path + ".type", "unknown type '" + type
                        + "' (expected object, array, string, number, integer, boolean or null)");
        }
    }

    /** The declared properties in order; required ones always, optional ones may be left out. */
    private int object(JsonNode s, String path) {
        JsonNode props = s.get("properties");
        if (!props.isObject()) {
            throw new JsonSchemaException("properties", path + ".properties", "expected an object of schemas");
        }
        // additionalProperties, whatever it says: the output has the declared properties only, which validates
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = s.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new JsonSchemaException("required", path + ".required", "expected an array of property names");
            }
            for (JsonNode r : req) {
                if (!props.has(r.asText())) {
                    throw new JsonSchemaException("required", path + ".required", "'" + r.asText()
                            + "' is required but not among the properties");
                }
                required.add(r.asText());
            }
        }
        List<String> names = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            int v = value(e.getValue(), path + ".properties." + e.getKey());
            members.add(b.rule(path + "." + e.getKey(), List.of(seq(jsonText(JSON.getNodeFactory()
                    .textNode(e.getKey())), ref(ws()), ":", ref(ws()), ref(v)))));
        }
        int n = names.size();
        // rest[i][first]: the members from i on, first = nothing written yet (no comma before the next)
        int[][] rest = new int[n + 1][2];
        for (int i = 0; i <= n; i++) {
            rest[i][0] = b.rule(path + "#" + i);
            rest[i][1] = b.rule(path + "#" + i + "first");
        }
        for (int f = 0; f < 2; f++) {
            b.define(rest[n][f], List.of(seq()));
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int f = 0; f < 2; f++) {
                List<List<Grammar.Symbol>> alts = new ArrayList<>();
                List<Grammar.Symbol> take = f == 1 ? seq(ref(members.get(i)), ref(rest[i + 1][0]))
                        : seq(",", ref(ws()), ref(members.get(i)), ref(rest[i + 1][0]));
                alts.add(take);
                if (!required.contains(names.get(i))) {
                    alts.add(seq(ref(rest[i + 1][f])));
                }
                b.define(rest[i][f], alts);
            }
        }
        return b.rule(path, List.of(seq("{", ref(ws()), ref(rest[0][1]), ref(ws()), "}")));
    }

    private int array(JsonNode s, String path) {
        int item = value(s.get("items"), path + ".items");
        int min = s.has("minItems") ? s.get("minItems").asInt(0) : 0;
        int max = s.has("maxItems") ? s.get("maxItems").asInt(Integer.MAX_VALUE) : Integer.MAX_VALUE;
        if (min < 0 || max < min || min > 64) {
            throw new JsonSchemaException("minItems", path, "minItems " + min + " and maxItems " + max
                    + " are not a usable range (0 <= minItems <= maxItems, minItems <= 64)");
        }
        Grammar.Symbol sep = ref(b.rule(path + ",", List.of(seq(",", ref(ws())))));
        // more(k): up to k more items, each after a comma (k = -1: unbounded)
        int bound = max == Integer.MAX_VALUE ? -1 : Math.min(max, 256);
        int more = moreItems(item, sep, bound < 0 ? -1 : Math.max(0, bound - Math.max(min, 1)), path);
        List<Grammar.Symbol> body = new ArrayList<>();
        body.add(ref(item));
        for (int i = 1; i < min; i++) {
            body.add(sep);
            body.add(ref(item));
        }
        body.add(ref(more));
        List<List<Grammar.Symbol>> alts = new ArrayList<>();
        alts.add(seq("[", ref(ws()), body, ref(ws()), "]"));
        if (min == 0) {
            alts.add(seq("[", ref(ws()), "]"));
        }
        return b.rule(path, alts);
    }

    private int moreItems(int item, Grammar.Symbol sep, int k, String path) {
        int r = b.rule(path + "+");
        if (k < 0) {
            b.define(r, List.of(seq(sep, ref(item), ref(r)), seq()));
        } else if (k == 0) {
            b.define(r, List.of(seq()));
        } else {
            b.define(r, List.of(seq(sep, ref(item), ref(moreItems(item, sep, k - 1, path))), seq()));
        }
        return r;
    }

    private int literalRule(List<JsonNode> values, String path) {
        List<List<Grammar.Symbol>> alts = new ArrayList<>();
        for (JsonNode v : values) {
            alts.add(seq(jsonText(v)));
        }
        return b.rule(path + "=", alts);
    }

    private static String jsonText(JsonNode v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int ws() {
        if (ws < 0) {
            ws = b.rule("ws", List.of(seq(), seq(" ")));
        }
        return ws;
    }

    private int string() {
        if (string < 0) {
            BitSet plain = new BitSet(256);
            plain.set(0x20, 256);
            plain.clear('"');
            plain.clear('\\');
            BitSet escaped = new BitSet(256);
            for (char c : "\"\\/bfnrt".toCharArray()) {
                escaped.set(c);
            }
            BitSet hex = new BitSet(256);
            hex.set('0', '9' + 1);
            hex.set('a', 'f' + 1);
            hex.set('A', 'F' + 1);
            Grammar.Symbol h = Grammar.Builder.bytes(hex);
            int ch = b.rule("char", List.of(seq(Grammar.Builder.bytes(plain)),
                    seq("\\", Grammar.Builder.bytes(escaped)), seq("\\u", h, h, h, h)));
            int chars = b.rule("chars");
            b.define(chars, List.of(seq(ref(ch), ref(chars)), seq()));
            string = b.rule("string", List.of(seq("\"", ref(chars), "\"")));
        }
        return string;
    }

    private int digits(int atMost, String name) {
        int r = b.rule(name + 0, List.of(seq()));
        for (int i = 1; i <= atMost; i++) {
            r = b.rule(name + i, List.of(seq(range('0', '9'), ref(r)), seq()));
        }
        return r;
    }

    private int integer() {
        if (integer < 0) {
            int tail = digits(MAX_DIGITS - 1, "digits");
            int unsigned = b.rule("uint", List.of(seq("0"), seq(range('1', '9'), ref(tail))));
            integer = b.rule("integer", List.of(seq(ref(unsigned)), seq("-", ref(unsigned))));
        }
        return integer;
    }

    private int number() {
        if (number < 0) {
            int digitsTail = digits(MAX_DIGITS - 1, "fdigits");
            int frac = b.rule("frac", List.of(seq(".", range('0', '9'), ref(digitsTail)), seq()));
            BitSet sign = new BitSet(256);
            sign.set('+');
            sign.set('-');
            int expDigits = digits(2, "edigits");
            int exp = b.rule("exp", List.of(seq(range('e', 'e'), ref(b.rule("esign", List.of(seq(Grammar.Builder
                    .bytes(sign)), seq()))), range('0', '9'), ref(expDigits)), seq(range('E', 'E'), ref(b.rule("esign2",
                    List.of(seq(Grammar.Builder.bytes(sign)), seq()))), range('0', '9'), ref(expDigits)), seq()));
            number = b.rule("number", List.of(seq(ref(integer()), ref(frac), ref(exp))));
        }
        return number;
    }

    private int genericObject() {
        any();
        return anyObject;
    }

    private int any() {
        if (any < 0) {
            any = b.rule("value");
            anyObject = b.rule("object");
            int array = b.rule("array");
            int member = b.rule("member", List.of(seq(ref(string()), ref(ws()), ":", ref(ws()), ref(any))));
            int members = b.rule("members");
            b.define(members, List.of(seq(",", ref(ws()), ref(member), ref(members)), seq()));
            b.define(anyObject, List.of(seq("{", ref(ws()), ref(member), ref(members), ref(ws()), "}"),
                    seq("{", ref(ws()), "}")));
            int values = b.rule("values");
            b.define(values, List.of(seq(",", ref(ws()), ref(any), ref(values)), seq()));
            b.define(array, List.of(seq("[", ref(ws()), ref(any), ref(values), ref(ws()), "]"),
                    seq("[", ref(ws()), "]")));
            b.define(any, List.of(seq(ref(anyObject)), seq(ref(array)), seq(ref(string())), seq(ref(number())),
                    seq("true"), seq("false"), seq("null")));
        }
        return any;
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
