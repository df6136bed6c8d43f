package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.app.cli.CommandLineTest.Run;
import dev.qwenwb.inference.safetensors.TensorDType;
import dev.qwenwb.inference.testing.TinyModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error contract for bad input, one row per input: exit code 2, exactly one line on stderr, starting with
 * the file (and line:column where there is one) or the flag, and none of Jackson's or SnakeYAML's noise. Add a
 * row for every new kind of bad input.
 */
class BadInputTest {

    /** A bad input: builds its fixture in a fresh folder and returns the command line and what must lead the line. */
    interface Fixture {
        Case build(Path dir) throws IOException;
    }

    /** @param args the command line; @param leads what the error line must start with, after "error: " */
    record Case(String[] args, String leads) {
        static Case of(String leads, String... args) {
            return new Case(args, leads);
        }
    }

    /** @param name shown in the report; @param fixture builds it */
    record Row(String name, Fixture fixture) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("config.json is not JSON", dir -> {
                    Path m = model(dir);
                    Files.writeString(m.resolve("config.json"), "{\"architectures\": [\"Qwen2ForCausalLM\"],\n"
                            + "  \"hidden_size\": 64,\n  oops }\n");
                    return Case.of(m.resolve("config.json") + ":3:3: not valid JSON: Unexpected character ('o'",
                            "tokenize", "--model", m.toString(), "hi");
                }),
                new Row("tokenizer.json is cut in half", dir -> {
                    Path m = model(dir);
                    byte[] all = Files.readAllBytes(m.resolve("tokenizer.json"));
                    Files.write(m.resolve("tokenizer.json"), Arrays.copyOf(all, 1000));
                    return Case.of(m.resolve("tokenizer.json") + ":", "tokenize", "--model", m.toString(), "hi");
                }),
                new Row("tokenizer.json is JSON but no tokenizer", dir -> {
                    Path m = model(dir);
                    Files.writeString(m.resolve("tokenizer.json"), "{\"model\": {}}");
                    return Case.of(m.resolve("tokenizer.json") + ": not a valid tokenizer.json",
                            "tokenize", "--model", m.toString(), "hi");
                }),
                new Row("generation_config.json is not JSON", dir -> {
                    Path m = model(dir);
                    Files.writeString(m.resolve("generation_config.json"), "{\"temperature\": 0.7,,}");
                    return Case.of(m.resolve("generation_config.json") + ":1:21: not valid JSON",
                            "generate", "--model", m.toString(), "--prompt", "hi", "--max-tokens", "1");
                }),
                new Row("suite YAML syntax error", dir -> {
                    Path s = Files.writeString(dir.resolve("bad.yaml"), "name: s\ncases:\n  - id: a\n"
                            + "    prompt: \"unclosed\n");
                    return Case.of(s + ":5:1: not valid YAML: ", "eval", "--suite", s.toString(),
                            "--backend", "replay:" + replay(dir));
                }),
                new Row("suite YAML duplicate key", dir -> {
                    Path s = Files.writeString(dir.resolve("dup.yaml"), "name: s\ncases:\n  - id: a\n    prompt: p\n"
                            + "    prompt: q\n    checks: [{type: contains, value: x}]\n");
                    return Case.of(s + ":5:", "eval", "--suite", s.toString(), "--backend", "replay:" + replay(dir));
                }),
                new Row("suite YAML alias", dir -> {
                    Path s = Files.writeString(dir.resolve("alias.yaml"), "name: s\nx: &x hello\ncases:\n"
                            + "  - id: a\n    prompt: *x\n    checks: [{type: contains, value: x}]\n");
                    return Case.of(s + ":5:13: YAML alias *x is not supported", "eval", "--suite", s.toString(),
                            "--backend", "replay:" + replay(dir));
                }),
                new Row("suite not UTF-8", dir -> {
                    Path s = Files.write(dir.resolve("latin1.yaml"), "name: s\ncases:\n  - id: a\n    prompt: caf\u00e9\n"
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    return Case.of(s + ":4: not UTF-8 (byte 40 of the file is 0xE9)", "eval", "--suite", s.toString(),
                            "--backend", "replay:" + replay(dir));
                }),
                new Row("suite memory_mb 99999999999", dir -> {
                    Path s = Files.writeString(dir.resolve("mem.yaml"), "name: s\ncases:\n  - id: a\n    prompt: p\n"
                            + "    checks:\n      - type: python-tests\n        tests: assert True\n"
                            + "        memory_mb: 99999999999\n");
                    return Case.of(s + ":6: check 'python-tests': 'memory_mb' must be a number above 0 and at most "
                            + "1048576, not 99999999999", "eval", "--suite", s.toString(), "--backend",
                            "replay:" + replay(dir));
                }),
                new Row("suite regex with a backreference", dir -> {
                    Path s = Files.writeString(dir.resolve("re.yaml"), "name: s\ncases:\n  - id: a\n    prompt: p\n"
                            + "    checks:\n      - type: regex\n        value: '(a)\\1'\n");
                    return Case.of(s + ":6: check 'regex': bad pattern: invalid escape sequence at '\\1' (RE2 syntax: no "
                            + "backreferences or lookaround)", "eval", "--suite",
                            s.toString(), "--backend", "replay:" + replay(dir));
                }),
                new Row("replay line of 20 MB", dir -> {
                    Path r = Files.writeString(dir.resolve("long.jsonl"), "{\"case\": \"a\", \"text\": \""
                            + "x".repeat(20 << 20) + "\"}\n");
                    return Case.of(r + ":1: the line is longer than 16 MB", "eval", "--suite", suite(dir).toString(),
                            "--backend", "replay:" + r);
                }),
                new Row("eval --out under a file", dir -> {
                    Path file = Files.writeString(dir.resolve("a-file"), "");
                    return Case.of("--out " + file.resolve("run") + ": cannot create the run folder (Not a directory)",
                            "eval", "--suite", suite(dir).toString(), "--backend", "replay:" + replay(dir), "--out",
                            file.resolve("run").toString());
                }),
                new Row("report on runs of two different suites", dir -> {
                    Path a = run(dir, "one");
                    Path b = run(dir, "two");
                    return Case.of(b + ": a run of suite 'two', but " + a + " is a run of suite 'one'",
                            "report", a.toString(), b.toString());
                }),
                new Row("demo-model into a non-empty folder", dir -> {
                    Path m = Files.createDirectory(dir.resolve("real"));
                    Files.writeString(m.resolve("config.json"), "{}");
                    return Case.of(m + ": is not empty", "demo-model", m.toString());
                }),
                flag("--temperature -1", "--temperature -1.0: expected a number >= 0", "--temperature", "-1"),
                flag("--top-p 1.5", "--top-p 1.5: expected a number in (0, 1]", "--top-p", "1.5"),
                flag("--top-k -2", "--top-k -2: expected a whole number >= 0", "--top-k", "-2"),
                flag("--repetition-penalty 0", "--repetition-penalty 0.0: expected a number > 0",
                        "--repetition-penalty", "0"),
                flag("--max-tokens 0", "--max-tokens 0: expected a whole number > 0", "--max-tokens", "0"),
                flag("--context -5", "--context -5: expected a number of tokens", "--context", "-5"),
                flag("--threads -3", "--threads -3: expected 0 (the engine's choice)", "--threads", "-3"),
                flag("--device tpu", "--device 'tpu': expected auto, cpu, gpu, gpu:N, cuda:N, vulkan:N or metal", "--device", "tpu"),
                flag("--dtype int4", "--dtype 'int4': expected auto, f32, f16 or bf16", "--dtype", "int4"),
                new Row("bench --runs 0", dir -> Case.of("--runs 0: expected a whole number >= 1", "bench", "--model",
                        TinyModels.tiny(TensorDType.F32).toString(), "--runs", "0")),
                new Row("eval --repeats 0", dir -> Case.of("--repeats 0: expected a whole number > 0", "eval",
                        "--suite", suite(dir).toString(), "--backend", "replay:x", "--repeats", "0")),
                new Row("eval configuration top_p=2", dir -> Case.of("configuration 'c': top_p 2.0: expected a "
                        + "number in (0, 1]", "eval", "--suite", suite(dir).toString(), "--config",
                        "c=model=" + TinyModels.tiny(TensorDType.F32) + ",top_p=2")),
                new Row("a repo id that is not installed", dir -> Case.of("Qwen/No-Such-Model-Here is not installed "
                        + "in the model cache", "generate", "--model", "Qwen/No-Such-Model-Here", "--prompt", "hi")),
                new Row("serve --cors with a path", dir -> Case.of("--cors 'localhost:3000/app': expected an origin",
                        "serve", "--model", TinyModels.tiny(TensorDType.F32).toString(), "--cors", "localhost:3000/app")),
                new Row("serve --allowed-host with a path", dir -> Case.of("--allowed-host 'evil.example/x': expected a "
                        + "host name", "serve", "--model", TinyModels.tiny(TensorDType.F32).toString(), "--allowed-host",
                        "evil.example/x")),
                new Row("--max-tokens 2147483647", dir -> Case.of("--max-tokens 2147483647: more than the context of",
                        "generate", "--model", TinyModels.tiny(TensorDType.F32).toString(), "--context", "64",
                        "--prompt", "hi", "--max-tokens", "2147483647")),
                new Row("generation_config.json temperature -1", dir -> {
                    Path m = model(dir);
                    Files.writeString(m.resolve("generation_config.json"), "{\"temperature\": -1}");
                    return Case.of(m.resolve("generation_config.json") + ": temperature is -1, expected a number >= 0",
                            "generate", "--model", m.toString(), "--prompt", "hi", "--max-tokens", "1");
                }),
                new Row("tokenizer_config.json is not JSON", dir -> {
                    Path m = model(dir);
                    Files.delete(m.resolve("tokenizer_config.json")); // a link to the shared fixture: replace it
                    Files.writeString(m.resolve("tokenizer_config.json"), "{\"chat_template\": oops}");
                    return Case.of(m.resolve("tokenizer_config.json") + ":1:", "generate", "--model", m.toString(),
                            "--prompt", "hi", "--max-tokens", "1");
                }),
                template("a template syntax error", "{% for m in messages %}{{ m.content }}", "chat template failed: "),
                template("a template's raise_exception", "{{ raise_exception('Only user roles, please') }}",
                        "chat template failed: Only user roles, please"),
                template("a template doubling a string 40 times", "{% set s = 'xy' %}{% for i in range(40) %}"
                        + "{% set s = s ~ s %}{% endfor %}{{ s }}", "chat template failed: "),
                template("three nested range(100000) loops", "{% for a in range(100000) %}{% for b in range(100000) %}"
                        + "{% for c in range(100000) %}{% endfor %}{% endfor %}{% endfor %}",
                        "chat template failed: it ran for more than 5 s"));
    }

    /** A model whose tokenizer_config.json holds {@code template}; the line leads with the file, then {@code leads}. */
    private static Row template(String name, String template, String leads) {
        return new Row(name, dir -> {
            Path m = model(dir);
            Path config = m.resolve("tokenizer_config.json");
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(config.toFile());
            json.put("chat_template", template);
            Files.delete(config);
            Files.writeString(config, json.toString());
            return Case.of(config + ": " + leads, "generate", "--model", m.toString(), "--prompt", "hi",
                    "--max-tokens", "1");
        });
    }

    /** A bad value of a generate flag, checked before any model loads. */
    private static Row flag(String name, String leads, String... flagAndValue) {
        return new Row(name, dir -> {
            String[] args = Stream.concat(Stream.of("generate", "--model", TinyModels.tiny(TensorDType.F32).toString(),
                    "--prompt", "hi"), Arrays.stream(flagAndValue)).toArray(String[]::new);
            return new Case(args, leads);
        });
    }

    private static Path suite(Path dir) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), "name: s\ncases:\n  - id: a\n    prompt: p\n"
                + "    checks: [{type: contains, value: x}]\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputGetsOneLineNamingTheFileAndExitCode2(Row row, @TempDir Path dir) throws IOException {
        Case c = row.fixture().build(dir);
        Path runs = Path.of("runs"); // where eval writes a run folder when not given --out
        long before = count(runs);
        Run r = CommandLineTest.run(c.args());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String err = r.err().strip();
        assertThat(err).as("one line").doesNotContain("\n");
        assertThat(err).startsWith("error: " + c.leads());
        assertThat(err).doesNotContain("REDACTED").doesNotContain("StreamReadFeature").doesNotContain("[Source")
                .doesNotContain("Exception").doesNotContain("in 'reader'");
        assertThat(count(runs)).as("refused input writes no run folder").isEqualTo(before);
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static Path model(Path dir) throws IOException {
        Path src = TinyModels.tiny(TensorDType.F32);
        Path m = Files.createDirectory(dir.resolve("model"));
        try (Stream<Path> files = Files.list(src)) {
            files.forEach(f -> {
                try {
                    Files.createLink(m.resolve(f.getFileName()), f); // the tests then replace, never edit, a file
                } catch (IOException | UnsupportedOperationException e) {
                    try {
                        Files.copy(f, m.resolve(f.getFileName()));
                    } catch (IOException e2) {
                        throw new UncheckedIOException(e2);
                    }
                }
            });
        }
        for (String name : new String[] {"config.json", "tokenizer.json", "generation_config.json"}) {
            Path p = m.resolve(name); // a private copy, so writing it leaves the shared fixture alone
            byte[] bytes = Files.readAllBytes(p);
            Files.delete(p);
            Files.write(p, bytes);
        }
        return m;
    }

    private static Path replay(Path dir) throws IOException {
        return Files.writeString(dir.resolve("answers.jsonl"), "{\"case\": \"a\", \"text\": \"x\"}\n");
    }

    private static Path run(Path dir, String suite) throws IOException {
        Path s = Files.writeString(dir.resolve(suite + ".yaml"), "name: " + suite + "\ncases:\n  - id: a\n"
                + "    prompt: p\n    checks: [{type: contains, value: x}]\n");
        Path out = dir.resolve("run-" + suite);
        Run r = CommandLineTest.run("eval", "--suite", s.toString(), "--backend", "replay:" + replay(dir),
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }
}
