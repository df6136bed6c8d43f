package dev.qwenwb.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.cli.WorkbenchCommand;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.djl.DjlModel;
import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import dev.qwenwb.inference.testing.TinyGgufs;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eval} with configurations that ask for JSON ({@code json_schema=…}): on the GGUF engine (constrained in
 * process) and on an OpenAI-compatible endpoint (our own server on the tiny model, sent {@code response_format}),
 * the random weights' answers pass the suite's {@code json-schema} check — only a constraint makes that possible.
 */
@Timeout(600)
class JsonOutputEvalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\": \"object\", \"properties\": {\"unit\": {\"enum\": [\"C\", \"F\"]},"
            + " \"days\": {\"type\": \"integer\"}, \"rain\": {\"type\": \"boolean\"}}, \"required\": [\"unit\", "
            + "\"days\", \"rain\"]}";

    @TempDir
    Path tmp;

    @Test
    void aRemoteEndpointIsSentTheResponseFormat() throws Exception {
        try (DjlModel model = DjlModel.load(TinyModels.tiny(TensorDType.F32),
                new EngineOptions(DeviceSpec.parse("cpu"), ComputeDType.F32, 1024, 0));
             OpenAiServer server = OpenAiServer.start(model, ServerOptions.loopback(0))) {
            JsonNode summary = eval("remote=backend=openai:" + server.baseUrl() + ",model=" + model.info().name()
                    + ",max_tokens=80,json_schema=" + SCHEMA, "plain=backend=openai:" + server.baseUrl() + ",model="
                    + model.info().name() + ",max_tokens=16");
            assertThat(passed(summary, "remote")).containsExactly(true, true);
            assertThat(passed(summary, "plain")).containsExactly(false, false);
        }
    }

    @Test
    @RequiresLlamaCpp
    void theGgufEngineIsConstrainedInProcess() throws Exception {
        JsonNode summary = eval("gguf=model=" + TinyGgufs.tiny(GgmlType.F32) + ",max_tokens=80,json_schema=" + SCHEMA,
                "plain=model=" + TinyGgufs.tiny(GgmlType.F32) + ",max_tokens=16");
        assertThat(passed(summary, "gguf")).containsExactly(true, true);
        assertThat(passed(summary, "plain")).containsExactly(false, false);
    }

    private JsonNode eval(String... configs) throws Exception {
        Path suite = tmp.resolve("json.yaml");
        Files.writeString(suite, """
                name: json
                default_checks:
                  - type: json-schema
                    schema:
                      type: object
                      required: [rain, unit, days]
                      additionalProperties: false
                      properties:
                        days: {type: integer}
                        rain: {type: boolean}
                        unit: {enum: [C, F]}
                cases:
                  - id: a
                    prompt: The weather for three days, as JSON.
                  - id: b
                    prompt: Will it rain? Answer in JSON.
                """);
        List<String> args = new ArrayList<>(List.of("eval", "--suite", suite.toString(), "--warmup", "0", "--json",
                "--out", tmp.resolve("run").toString()));
        for (String c : configs) {
            args.add("--config");
            args.add(c);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = WorkbenchCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return JSON.readTree(out.toString());
    }

    private static List<Boolean> passed(JsonNode summary, String config) {
        List<Boolean> out = new ArrayList<>();
        for (JsonNode c : summary.path("cases")) {
            JsonNode r = c.path("results").path(config);
            assertThat(r.isMissingNode()).as("%s in %s", config, c).isFalse();
            assertThat(r.path("checks").path(0).path("type").asText()).isEqualTo("json-schema");
            out.add(r.path("passed").asBoolean());
        }
        return out;
    }
}
