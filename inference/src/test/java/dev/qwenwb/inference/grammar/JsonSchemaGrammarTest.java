package dev.qwenwb.inference.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON schemas as byte grammars: what they accept whole, what they refuse, which keywords they refuse. */
class JsonSchemaGrammarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Grammar grammar(String schema) throws Exception {
        return JsonSchemaGrammar.of(JSON.readTree(schema));
    }

    private static boolean accepts(Grammar g, String text) {
        GrammarState s = g.start().advance(text.getBytes(StandardCharsets.UTF_8));
        return !s.isDead() && s.isComplete();
    }

    private static final String PERSON = "{\"type\": \"object\", \"properties\": {"
            + "\"name\": {\"type\": \"string\"}, \"age\": {\"type\": \"integer\"}, "
            + "\"lang\": {\"enum\": [\"python\", \"java\"]}, \"ok\": {\"type\": \"boolean\"}, "
            + "\"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"maxItems\": 2}, "
            + "\"score\": {\"type\": [\"number\", \"null\"]}}, \"required\": [\"name\", \"age\"]}";

    @Test
    void anObjectTakesItsPropertiesInOrderRequiredOnesAlways() throws Exception {
        Grammar g = grammar(PERSON);
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":31}")).isTrue();
        assertThat(accepts(g, "{ \"name\": \"A\\\"n\\u00e9\", \"age\": -4, \"lang\": \"java\", \"ok\": false, "
                + "\"tags\": [\"x\", \"y\"], \"score\": 1.5e-3 }")).isTrue();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":31,\"score\":null}")).isTrue();
        assertThat(accepts(g, "{\"age\":31}")).as("name is required").isFalse();
        assertThat(accepts(g, "{\"age\":31,\"name\":\"Ann\"}")).as("declared order").isFalse();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":31,\"lang\":\"go\"}")).as("not in the enum").isFalse();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":3.5}")).as("an integer").isFalse();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":1,\"tags\":[\"a\",\"b\",\"c\"]}")).as("maxItems").isFalse();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":1,\"other\":1}")).as("no undeclared property").isFalse();
        assertThat(accepts(g, "{\"name\":\"Ann\",\"age\":31")).as("not finished").isFalse();
        assertThat(accepts(g, "{\"name\":\"A\nn\",\"age\":1}")).as("a raw newline in a string").isFalse();
    }

    @Test
    void anyJsonWhenNoTypeIsGivenAndAnObjectForJsonObject() throws Exception {
        Grammar any = grammar("{}");
        for (String ok : new String[] {"1", "\"s\"", "[1, {\"a\": [true, null]}]", "{}", "-0.5E+12"}) {
            assertThat(accepts(any, ok)).as(ok).isTrue();
        }
        assertThat(accepts(any, "[1,]")).isFalse();
        assertThat(accepts(any, "01")).isFalse();
        Grammar object = JsonSchemaGrammar.anyObject();
        assertThat(accepts(object, "{\"a\": [1, 2], \"b\": {\"c\": \"d\"}}")).isTrue();
        assertThat(accepts(object, "[1]")).isFalse();
    }

    @Test
    void anyOfConstAndMinItems() throws Exception {
        Grammar g = grammar("{\"anyOf\": [{\"const\": \"auto\"}, {\"type\": \"array\", \"items\": {\"type\": "
                + "\"integer\"}, \"minItems\": 2}]}");
        assertThat(accepts(g, "\"auto\"")).isTrue();
        assertThat(accepts(g, "[1, 2, 3]")).isTrue();
        assertThat(accepts(g, "[1]")).isFalse();
        assertThat(accepts(g, "\"manual\"")).isFalse();
    }

    @Test
    void numbersCannotRunOnForever() throws Exception {
        Grammar g = grammar("{\"type\": \"integer\"}");
        assertThat(accepts(g, "123456789012345")).isTrue();
        assertThat(g.start().advance("1234567890123456".getBytes(StandardCharsets.UTF_8)).isDead()).isTrue();
    }

    @Test
    void longStringsKeepTheMatchFlat() throws Exception {
        Grammar g = grammar("{\"type\": \"string\"}");
        String text = "\"" + "a".repeat(20_000) + "\"";
        assertThat(accepts(g, text)).isTrue();
    }

    @Test
    void unsupportedKeywordsAreNamed() {
        assertThatThrownBy(() -> grammar("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/x\"}}}"))
                .isInstanceOfSatisfying(JsonSchemaException.class, e -> {
                    assertThat(e.keyword()).isEqualTo("$ref");
                    assertThat(e).hasMessageContaining("schema.properties.a").hasMessageContaining("'$ref'");
                });
        assertThatThrownBy(() -> grammar("{\"type\": \"string\", \"pattern\": \"a+\"}"))
                .isInstanceOfSatisfying(JsonSchemaException.class, e -> assertThat(e.keyword()).isEqualTo("pattern"));
        assertThatThrownBy(() -> grammar("{\"type\": \"text\"}")).hasMessageContaining("unknown type 'text'");
        assertThatThrownBy(() -> grammar("{\"type\": \"object\", \"properties\": {}, \"required\": [\"x\"]}"))
                .hasMessageContaining("'x' is required but not among the properties");
        assertThatThrownBy(() -> grammar("{\"enum\": []}")).hasMessageContaining("enum");
    }

    @Test
    void aConstraintAllowsOnlyTokensThatKeepTheOutputValidAndEosOnceComplete() throws Exception {
        // a toy vocabulary: 0 '{', 1 '}', 2 '"a"', 3 ':', 4 '1', 5 '{"a":', 6 'x', 7 eos (no bytes)
        byte[][] bytes = {b("{"), b("}"), b("\"a\""), b(":"), b("1"), b("{\"a\":"), b("x"), null};
        dev.qwenwb.inference.generate.Vocabulary v = dev.qwenwb.inference.generate.Vocabulary.of(bytes);
        Grammar g = grammar("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}, "
                + "\"required\": [\"a\"]}");
        GrammarConstraint c = new GrammarConstraint(g, v, java.util.Set.of(7));
        assertThat(allowed(c, 8)).containsExactly(0, 5);
        c.accept(5);
        assertThat(allowed(c, 8)).containsExactly(4);
        c.accept(4);
        assertThat(allowed(c, 8)).containsExactly(1, 4);
        c.accept(1);
        assertThat(allowed(c, 8)).as("complete: only the end").containsExactly(7);
    }

    private static java.util.List<Integer> allowed(GrammarConstraint c, int n) {
        float[] scores = new float[n];
        c.restrict(scores);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (scores[i] > Float.NEGATIVE_INFINITY) {
                out.add(i);
            }
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode parse(String s) throws Exception {
        return JSON.readTree(s);
    }
}
