package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration that asks for JSON ({@code response_format}) on the tiny random model: decoding is constrained, so
 * even random weights answer with JSON that the {@code json-schema} check passes; without it they do not.
 */
class JsonOutputConfigurationTest {

    /** Enums, integers, booleans and a bounded array: what a random model closes (no free strings). */
    static final String SCHEMA = "{\"type\": \"object\", \"properties\": {\"city\": {\"enum\": [\"Paris\", \"Beijing\"]},"
            + " \"days\": {\"type\": \"integer\"}, \"metric\": {\"type\": \"boolean\"}, \"flags\": {\"type\": \"array\","
            + " \"items\": {\"type\": \"boolean\"}, \"maxItems\": 3}}, \"required\": [\"city\", \"days\", \"metric\"]}";

    @TempDir
    Path tmp;

    @Test
    void aJsonSchemaConfigurationAnswersWithJsonTheCheckPasses() throws Exception {
        Path suiteFile = tmp.resolve("json.yaml");
        // the check's schema says more than the grammar can (no other properties, bounds); order is not asked
        Files.writeString(suiteFile, """
                name: json
                default_checks:
                  - type: json-schema
                    schema:
                      type: object
                      required: [metric, days, city]
                      additionalProperties: false
                      properties:
                        metric: {type: boolean}
                        days: {type: integer}
                        city: {enum: [Paris, Beijing]}
                        flags: {type: array, items: {type: boolean}, maxItems: 3}
                cases:
                  - id: weather
                    prompt: What is the weather in Paris for the next days? Answer in JSON.
                  - id: trip
                    messages:
                      - {role: system, content: You answer in JSON.}
                      - {role: user, content: Plan a trip to Beijing.}
                """);
        Suite suite = new SuiteLoader(CheckRegistry.standard()).load(suiteFile);
        String model = TinyModels.tiny(TensorDType.F32).toString();
        // inline JSON survives --config's comma-separated form
        RunConfig json = RunConfig.parse("json=device=cpu,max_tokens=120,json_schema=" + SCHEMA, model);
        assertThat(json.get("json_schema", null)).isEqualTo(SCHEMA);
        Path schemaFile = tmp.resolve("schema.json");
        Files.writeString(schemaFile, SCHEMA);
        RunConfig fromFile = RunConfig.parse("file=device=cpu,max_tokens=120,response_format=json_schema,json_schema="
                + schemaFile, model);
        RunConfig object = RunConfig.parse("object=device=cpu,max_tokens=24,response_format=json_object", model);
        RunConfig text = RunConfig.parse("text=device=cpu,max_tokens=24", model);

        List<ResultRecord> rs = new Runner(CheckRegistry.standard(), Backends::open).run(suite,
                List.of(json, fromFile, object, text), new Runner.Options(1, 0, 2), new RunStore(tmp.resolve("run")),
                r -> { });
        assertThat(rs).hasSize(8);
        for (ResultRecord r : rs) {
            assertThat(r.error()).as(r.config() + "/" + r.caseId()).isNull();
            CheckResult c = r.checks().get(0);
            switch (r.config()) {
                case "json", "file" -> assertThat(c.pass()).as("%s/%s: %s -> %s", r.config(), r.caseId(), r.text(),
                        c.reason()).isTrue();
                // any object: its keys are free strings, which random weights rarely close; but it is one from the start
                case "object" -> assertThat(r.text()).as(r.config()).startsWith("{");
                default -> assertThat(c.pass()).as("random weights without a grammar: %s", r.text()).isFalse();
            }
        }
    }

    @Test
    void aSchemaTheGrammarCannotTakeOrAMissingOneIsOneLineNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> Backends.check(RunConfig.parse(
                "j=model=m,json_schema={\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/x\"}}}", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("configuration 'j': json_schema: schema.properties.a: the schema keyword '$ref' is not "
                        + "supported (supported: additionalProperties, anyOf, const, enum, items, maxItems, minItems, "
                        + "oneOf, properties, required, type)");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=model=m,response_format=json_schema", null)))
                .hasMessageStartingWith("configuration 'j': json_schema: response_format=json_schema needs json_schema=");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=model=m,response_format=yaml", null)))
                .hasMessage("configuration 'j': response_format 'yaml': expected text, json_object or json_schema");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=model=m,json_schema=" + tmp.resolve("none.json"),
                null))).hasMessageContaining("configuration 'j': json_schema: cannot read file ")
                .hasMessageEndingWith("(not found)");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=model=m,json_schema={\"type\": ", null)))
                .hasMessageStartingWith("configuration 'j': json_schema: inline JSON is not valid JSON: ");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=model=m,response_format=json_object,"
                + "json_schema={}", null))).hasMessageContaining("a schema needs response_format=json_schema");
        assertThatThrownBy(() -> Backends.check(RunConfig.parse("j=backend=openai:http://127.0.0.1:9/v1,model=m,"
                + "json_schema={\"type\": \"object\", \"patternProperties\": {}}", null)))
                .hasMessageContaining("json_schema: schema: the schema keyword 'patternProperties' is not supported");
    }
}
