package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteException;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code json-schema} check on real schemas (as suites write them) and real answers. */
class JsonSchemaCheckTest {

    /** A tool-call-like object: an enum, a bounded integer, a boolean, an array of numbers; nothing else allowed. */
    private static final String WEATHER = """
            name: t
            cases:
              - id: weather
                prompt: hi
                checks:
                  - type: %s
                    schema:
                      type: object
                      properties:
                        city: {enum: [Paris, Beijing]}
                        days: {type: integer, minimum: 1, maximum: 7}
                        metric: {type: boolean}
                        temps: {type: array, items: {type: number}, maxItems: 3}
                      required: [city, days]
                      additionalProperties: false
            """;

    @TempDir
    Path tmp;

    @Test
    void validJsonPassesWhateverThePropertyOrder() throws Exception {
        Suite s = load(WEATHER.formatted("json-schema"));
        assertThat(check(s, "{\"city\": \"Paris\", \"days\": 3, \"metric\": true, \"temps\": [1.5, -2]}").verdict())
                .isEqualTo(Verdict.PASSED);
        // the decoding grammar writes properties in declared order; a validator must not care
        assertThat(check(s, "{\"temps\": [], \"metric\": false, \"days\": 7, \"city\": \"Beijing\"}").verdict())
                .isEqualTo(Verdict.PASSED);
        // as json-valid reads it: a fenced json block inside a chatty answer
        assertThat(check(s, "Here it is:\n```json\n{\"days\": 1, \"city\": \"Paris\"}\n```\nAnything else?")
                .verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void violationsAreNamedByPathAndMessage() throws Exception {
        Suite s = load(WEATHER.formatted("json-schema"));
        CheckResult r = check(s, "{\"city\": \"London\", \"days\": 9, \"wind\": 3, \"temps\": [\"warm\"]}");
        assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(r.reason()).startsWith("the answer's JSON does not validate: ").contains("/city: ")
                .contains("Paris").contains("/days: ").contains("7").contains("and 1 more");
        CheckResult missing = check(s, "{\"days\": 2}");
        assertThat(missing.reason()).contains("(root): ").contains("city");
        assertThat(check(s, "{\"city\": \"Paris\", \"days\": ").reason()).startsWith("not valid JSON: ");
        assertThat(check(s, "  ").reason()).isEqualTo("the answer is empty");
    }

    @Test
    void invertedCheckPassesOnAnswersThatDoNotValidate() throws Exception {
        Suite s = load(WEATHER.formatted("not-json-schema"));
        assertThat(check(s, "{\"city\": \"Rome\", \"days\": 2}").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(check(s, "{\"city\": \"Paris\", \"days\": 2}").verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void patternsRunOnRe2AndSchemasMayBeJsonText() throws Exception {
        Suite s = load("""
                name: t
                cases:
                  - id: a
                    prompt: hi
                    checks:
                      - type: json-schema
                        schema: '{"type": "array", "items": {"type": "string", "pattern": "^(x+x+)+y$"}}'
                """);
        assertThat(check(s, "[\"xxy\"]").verdict()).isEqualTo(Verdict.PASSED);
        // catastrophic for a backtracking engine; RE2 answers at once
        String hostile = "[\"" + "x".repeat(5000) + "\"]";
        assertThat(check(s, hostile).reason()).contains("/0: ").contains("pattern");
    }

    @Test
    void draft07SchemasAreReadAsDraft07() throws Exception {
        Suite s = load("""
                name: t
                cases:
                  - id: a
                    prompt: hi
                    checks:
                      - type: json-schema
                        schema:
                          $schema: http://json-schema.org/draft-07/schema#
                          type: array
                          items: [{type: string}, {type: integer}]
                          additionalItems: false
                """);
        assertThat(check(s, "[\"a\", 1]").verdict()).isEqualTo(Verdict.PASSED);
        assertThat(check(s, "[\"a\", 1, 2]").verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void badSchemasAreRefusedAtLoadNamingFileLineAndCase() throws Exception {
        String head = "name: t\ncases:\n  - id: shape\n    prompt: hi\n    checks:\n      - type: json-schema\n";
        Path f = write(head + "        schema: {type: strin}\n");
        assertThatThrownBy(() -> new SuiteLoader(CheckRegistry.standard()).load(f)).isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(f + ":6: check 'json-schema': 'schema' is not a valid JSON schema: /type: ")
                .hasMessageEndingWith("(in case 'shape')").hasMessageNotContaining("\n");
        Path g = write(head + "        schema: {type: object, properties: [a, b]}\n");
        assertThatThrownBy(() -> load(g)).hasMessageContaining("/properties: array found, object expected");
        Path h = write(head + "        value: x\n");
        assertThatThrownBy(() -> load(h)).hasMessageContaining(h + ":6: check 'json-schema' needs 'schema'");
        Path i = write(head + "        schema: '{\"type\": '\n");
        assertThatThrownBy(() -> load(i)).hasMessageContaining("'schema' is text but not JSON");
        Path j = write(head + "        schema: {pattern: '(?<=a)b'}\n");
        assertThatThrownBy(() -> load(j)).hasMessageContaining("'schema' cannot be used: ")
                .hasMessageContaining("RE2 syntax");
        Path k = write(head + "        schema: {$ref: 'http://example.invalid/person.json'}\n");
        assertThatThrownBy(() -> load(k)).hasMessageContaining("'schema' cannot be used: ");
        Path m = write(head + "        schema: {$schema: 'https://example.invalid/my-draft', type: object}\n");
        assertThatThrownBy(() -> load(m)).hasMessageContaining("is not a JSON Schema draft this check knows");
    }

    @Test
    void aRemoteRefIsNeverFetched() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/name.json";
            Path f = write("name: t\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: json-schema\n"
                    + "        schema: {$ref: '" + url + "'}\n");
            assertThatThrownBy(() -> load(f)).hasMessageContaining("'schema' cannot be used: ").hasMessageContaining(url);
            assertThat(requests.get()).as("a suite's schema reaches no server").isZero();
        } finally {
            server.stop(0);
        }
    }

    private Suite load(String yaml) throws Exception {
        return load(write(yaml));
    }

    private static Suite load(Path f) {
        return new SuiteLoader(CheckRegistry.standard()).load(f);
    }

    private Path write(String yaml) throws Exception {
        Path f = tmp.resolve("suite.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static CheckResult check(Suite s, String answer) {
        return CheckRegistry.standard().create(s.cases().get(0).checks().get(0))
                .evaluate(new Answer("c", answer, Metrics.NONE));
    }
}
