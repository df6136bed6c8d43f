package dev.qwenwb.app.ui.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.evaluation.run.GeneratorBackend;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.inference.grammar.ResponseFormat;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration editor's Response format and JSON schema: checked before a run, through the one converter. */
class ConfigurationJsonOutputTest {

    private static final Path DEMO = Path.of("demo-model");

    @Test
    void aJsonSchemaConfigurationIsCheckedBeforeTheRun() {
        ConfigurationViewModel c = new ConfigurationViewModel(new SavedConfiguration("json", Map.of("model", "demo")));
        assertThat(KnownSetting.known("response_format")).isTrue();
        assertThat(KnownSetting.known("json_schema")).isTrue();
        c.setting("response_format").set("json_schema");
        assertThatThrownBy(() -> c.toRunConfig(DEMO)).hasMessageStartingWith(
                "configuration 'json': json_schema: response_format=json_schema needs json_schema=");
        c.setting("json_schema").set("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/b\"}}}");
        assertThatThrownBy(() -> c.toRunConfig(DEMO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("configuration 'json': json_schema: schema.properties.a: the schema keyword "
                        + "'$ref' is not supported");
        c.setting("json_schema").set("{\"type\": \"object\", \"properties\": {\"ok\": {\"type\": \"boolean\"}}}");
        RunConfig rc = c.toRunConfig(DEMO);
        ResponseFormat f = GeneratorBackend.responseFormat(rc);
        assertThat(f.kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(f.schema().at("/properties/ok/type").asText()).isEqualTo("boolean");
        assertThat(c.toSaved().settings()).containsEntry("response_format", "json_schema")
                .containsKey("json_schema");

        c.setting("response_format").set("json");
        assertThatThrownBy(() -> c.toRunConfig(DEMO)).hasMessageContaining("configuration 'json': json_schema: a "
                + "schema needs response_format=json_schema (it is 'json')");
        c.setting("json_schema").set("");
        assertThatThrownBy(() -> c.toRunConfig(DEMO)).hasMessage("configuration 'json': response_format 'json': "
                + "expected text, json_object or json_schema");
        c.setting("response_format").set("json_object");
        assertThat(GeneratorBackend.responseFormat(c.toRunConfig(DEMO)).kind())
                .isEqualTo(ResponseFormat.Kind.JSON_OBJECT);
    }
}
