package dev.qwenwb.inference.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.generate.TokenConstraint;
import dev.qwenwb.inference.generate.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OpenAI's response_format read once, and given to engines as a grammar or to endpoints as itself. */
class ResponseFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJsonSchemaFormatGoesToTheWireAsReadAndRestrictsTokensToTheSchema() throws Exception {
        String wire = "{\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\", \"strict\": true, "
                + "\"schema\": {\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"}}, "
                + "\"required\": [\"ok\"]}}}";
        ResponseFormat f = ResponseFormat.parse(JSON.readTree(wire));
        assertThat(f.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(f.toJson()).isEqualTo(JSON.readTree(wire));
        assertThat(ResponseFormat.jsonSchema(f.schema()).toJson().path("json_schema").path("name").asText())
                .isEqualTo("output");
        assertThat(ResponseFormat.jsonObject().toJson()).isEqualTo(JSON.readTree("{\"type\": \"json_object\"}"));
        assertThat(ResponseFormat.parse(JSON.readTree("{\"type\": \"text\"}"))).isNull();
        assertThat(ResponseFormat.parse(null)).isNull();

        String[] pieces = {"{", "\"ok\"", ":", " ", "true", "false", "}", "[", "\"no\""};
        byte[][] bytes = Arrays.stream(pieces).map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        TokenConstraint c = f.create(Vocabulary.of(bytes), Set.of());
        float[] scores = new float[pieces.length];
        c.restrict(scores);
        assertThat(scores[0]).as("{ may start").isZero();
        assertThat(scores[7]).as("[ may not").isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void eachWrongPartNamesItsField() {
        assertThatThrownBy(() -> ResponseFormat.parse(JSON.readTree("{\"type\": \"xml\"}")))
                .isInstanceOfSatisfying(ResponseFormat.Invalid.class, e -> assertThat(e.field())
                        .isEqualTo("response_format.type")).hasMessageContaining("'xml'");
        assertThatThrownBy(() -> ResponseFormat.parse(JSON.readTree("{\"type\": \"json_schema\"}")))
                .isInstanceOfSatisfying(ResponseFormat.Invalid.class, e -> assertThat(e.field())
                        .isEqualTo("response_format.json_schema.schema"));
        assertThatThrownBy(() -> ResponseFormat.parse(JSON.readTree("{\"type\": \"json_schema\", \"json_schema\": "
                + "{\"schema\": {\"type\": \"string\", \"minLength\": 2}}}")))
                .isInstanceOf(ResponseFormat.Invalid.class)
                .hasMessage("response_format.json_schema.schema: the schema keyword 'minLength' is not supported "
                        + "(supported: additionalProperties, anyOf, const, enum, items, maxItems, minItems, oneOf, "
                        + "properties, required, type)");
        assertThatThrownBy(() -> ResponseFormat.parse(JSON.readTree("\"json_object\"")))
                .isInstanceOfSatisfying(ResponseFormat.Invalid.class, e -> assertThat(e.field())
                        .isEqualTo("response_format"));
    }
}
