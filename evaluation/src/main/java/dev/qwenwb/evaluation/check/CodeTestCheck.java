package dev.qwenwb.evaluation.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.evaluation.exec.Ending;
import dev.qwenwb.evaluation.exec.ExecResult;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Limits;
import dev.qwenwb.evaluation.exec.ProcessRunner;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code python-tests} and {@code node-tests}: extract the answer's code, write {@code prepend + code + tests}
 * (plus any {@code files}) into a fresh temporary folder and run it below a small harness ({@code harness.py},
 * {@code harness.js}) in a child process ({@link ProcessRunner}: its own session, time, CPU, memory and file-size
 * limits, every process it starts killed at the end, capped output, scrubbed environment). A pass is exit 0
 * <i>and</i> the harness's word, with a random nonce of this run, that the tests ran to their end (an answer that
 * exits early with 0 fails); a time-out is {@link Verdict#TIMED_OUT}; code that kills its parent or the launcher
 * is an {@link Verdict#ERROR} with the reason; anything else fails with the program's last error line (or "out of
 * memory", "CPU time limit", "file size limit exceeded"). Inverted ({@code not-…}), only a failing assertion
 * passes: a limit, a signal or an early exit is an error. With {@code entry}, the tests get {@code candidate}: the
 * first of those names the code defines. A missing interpreter skips the check. Options: {@code tests}
 * (required), {@code entry}, {@code prepend}, {@code files}, {@code extract} (false: run the answer as is,
 * e.g. a raw completion), {@code timeout_s} (default 10), {@code memory_mb} (default 2048 or
 * {@code -Dworkbench.exec.memoryMb}; at most 1048576), {@code cpu_s} (default timeout + 1), {@code file_size_mb}
 * (default 256 or {@code -Dworkbench.exec.fileSizeMb}), {@code interpreter}.
 */
final class CodeTestCheck implements Check {

    private final String type;
    private final boolean node;
    private final String tests;
    private final List<String> entries;
    private final String prepend;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final boolean extract;
    private final Limits limits;
    private final List<String> interpreter;
    private final boolean negated;

    private static final String NONCE = ".qwb-nonce";
    private static final String OUTCOME = ".qwb-outcome";

    /** The largest {@code memory_mb} and {@code file_size_mb}: 1 TiB. */
    static final double MAX_MB = 1 << 20;
    /** The largest {@code timeout_s} and {@code cpu_s}: a day. */
    static final double MAX_SECONDS = 86_400;

    CodeTestCheck(CheckSpec spec, boolean node) {
        this.type = spec.displayType();
        this.node = node;
        this.tests = spec.required("tests");
        this.entries = spec.list("entry");
        String pre = spec.text("prepend");
        this.prepend = pre == null ? "" : pre;
        JsonNode f = spec.options().get("files");
        if (f != null && !f.isObject()) {
            throw new CheckSpecException(spec.where() + ": check '" + type + "': 'files' maps file names to contents");
        }
        if (f != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains("..") || Path.of(e.getKey()).isAbsolute()) {
                    throw new CheckSpecException(spec.where() + ": check '" + type + "': file name '" + e.getKey()
                            + "' must stay inside the work folder");
                }
                files.put(e.getKey(), e.getValue().asText());
            }
        }
        this.extract = spec.options().path("extract").asBoolean(true);
        Limits l = Limits.of(Duration.ofMillis((long) (ranged(spec, "timeout_s", 10, MAX_SECONDS) * 1000)));
        if (spec.options().has("memory_mb")) {
            l = l.withMemoryBytes((long) ranged(spec, "memory_mb", 0, MAX_MB) << 20);
        }
        if (spec.options().has("cpu_s")) {
            l = l.withCpuTime(Duration.ofMillis((long) (ranged(spec, "cpu_s", 0, MAX_SECONDS) * 1000)));
        }
        if (spec.options().has("file_size_mb")) {
            l = l.withFileSizeBytes((long) ranged(spec, "file_size_mb", 0, MAX_MB) << 20);
        }
        this.limits = l;
        this.negated = spec.negated();
        List<String> given = spec.list("interpreter");
        this.interpreter = !given.isEmpty() ? given : node ? List.of("node") : List.of("python3", "python");
    }

    @Override
    public CheckResult evaluate(Answer answer) {
        Optional<Path> exe = Interpreters.find(interpreter);
        if (exe.isEmpty()) {
            return new CheckResult(type, Verdict.SKIPPED, 0, String.join(" / ", interpreter)
                    + " not found on PATH: the code was not run");
        }
        String lang = node ? "javascript" : "python";
        String code = extract ? CodeExtractor.extract(answer.text(), lang, entries) : answer.text();
        if (code.isBlank() && prepend.isBlank()) {
            return new CheckResult(type, Verdict.FAILED, 0, "no " + lang + " code in the answer");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qwb-check-");
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path p = dir.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
            String nonce = UUID.randomUUID().toString();
            Files.writeString(dir.resolve(NONCE), nonce, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(node ? "main_test.js" : "main_test.py"),
                    node ? nodeScript(code) : pythonScript(code), StandardCharsets.UTF_8);
            String harness = node ? "qwb_harness.js" : "qwb_harness.py";
            Files.writeString(dir.resolve(harness), resource(node ? "harness.js" : "harness.py"),
                    StandardCharsets.UTF_8);
            ExecResult r = new ProcessRunner(limits).run(List.of(exe.get().toString(), harness), dir);
            return verdict(r, outcome(dir.resolve(OUTCOME), nonce));
        } catch (IOException | UncheckedIOException e) {
            return new CheckResult(type, Verdict.ERROR, 0, "error: " + e.getMessage());
        } finally {
            FileTrees.deleteTreeQuietly(dir);
        }
    }

    /** What the harness wrote: "passed" or "failed" when the file holds this run's nonce, else null. */
    private static String outcome(Path file, String nonce) {
        try (InputStream in = Files.newInputStream(file)) {
            String[] w = new String(in.readNBytes(256), StandardCharsets.UTF_8).strip().split(" ");
            return w.length == 2 && w[1].equals(nonce) && (w[0].equals("passed") || w[0].equals("failed")) ? w[0]
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A pass needs exit 0 and the harness's "passed" with this run's nonce. A failure is an assertion (or an error
     * the code raised) only when the harness saw the exception; a limit (memory, CPU time, file size), a signal or
     * an early exit is a failure too, but an inverted check ({@code not-…}) gets an {@link Verdict#ERROR} for
     * it: "the tests fail" must not be proven by the code running out of memory.
     */
    private CheckResult verdict(ExecResult r, String outcome) {
        switch (r.ending()) {
            case TIMED_OUT:
                return new CheckResult(type, Verdict.TIMED_OUT, 0, r.describe());
            case NOT_STARTED:
            case PARENT_KILLED:
            case LAUNCHER_LOST:
                return new CheckResult(type, Verdict.ERROR, 0, "error: " + r.describe());
            default:
                break;
        }
        String left = r.leftovers() > 0 ? "; " + r.leftovers() + " left-over processes killed" : "";
        if (r.succeeded() && "passed".equals(outcome)) {
            return new CheckResult(type, Verdict.PASSED, 1, "tests passed (" + r.millis() + " ms)" + left);
        }
        String reason;
        boolean assertion = false;
        if (r.limitReached() || r.ending() == Ending.SIGNALLED) {
            reason = r.describe();
        } else if (r.succeeded()) {
            reason = "the tests did not run to the end (the code exited with code 0 before the last assertion)"
                    + left;
        } else {
            reason = r.failureLine() + left;
            assertion = "failed".equals(outcome);
        }
        if (negated && !assertion) {
            return new CheckResult(type, Verdict.ERROR, 0, "error: not a failing assertion, so it proves nothing: "
                    + reason);
        }
        return new CheckResult(type, Verdict.FAILED, 0, "failed: " + reason);
    }

    private static double ranged(CheckSpec spec, String key, double dflt, double max) {
        double v = spec.number(key, dflt);
        if (!(v > 0) || v > max) {
            throw new CheckSpecException(spec.where() + ": check '" + spec.displayType() + "': '" + key
                    + "' must be a number above 0 and at most " + (long) max + ", not " + spec.options().get(key));
        }
        return v;
    }

    private String pythonScript(String code) {
        StringBuilder s = new StringBuilder(prepend).append('\n').append(code).append("\n\n");
        if (!entries.isEmpty()) {
            s.append("def __qwb_entry(names):\n")
                    .append("    for n in names:\n")
                    .append("        f = globals().get(n)\n")
                    .append("        if callable(f):\n")
                    .append("            return f\n")
                    .append("    raise AssertionError('the answer defines none of: ' + ', '.join(names))\n")
                    .append("candidate = __qwb_entry(").append(pyList()).append(")\n");
        }
        return s.append(tests).append('\n').toString();
    }

    private String nodeScript(String code) {
        StringBuilder s = new StringBuilder(prepend).append('\n').append(code)
                .append("\n;globalThis[Symbol.for('qwb.tests')] = (async () => {\n");
        if (!entries.isEmpty()) {
            s.append("const candidate = (() => { for (const n of ").append(pyList())
                    .append(") { try { const f = eval(n); if (typeof f === 'function') return f; } catch (e) {} }")
                    .append(" throw new Error('the answer defines none of: ").append(String.join(", ", entries))
                    .append("'); })();\n");
        }
        return s.append(tests).append("\n})();\n").toString();
    }

    private static String resource(String name) {
        try (InputStream in = CodeTestCheck.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pyList() {
        StringBuilder s = new StringBuilder("[");
        for (String e : entries) {
            s.append(s.length() > 1 ? ", " : "").append('"').append(e.replace("\"", "")).append('"');
        }
        return s.append(']').toString();
    }
}
