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

/**
 * {@code python-tests} and {@code node-tests}: extract the answer's code, write {@code prepend + code + tests}
 * (plus any {@code files}) into a fresh temporary folder and run it in a child process ({@link ProcessRunner}:
 * its own session, time, CPU and memory limits, every process it starts killed at the end, capped output,
 * scrubbed environment). Exit 0 passes; a time-out is {@link Verdict#TIMED_OUT}; code that kills its parent
 * or the launcher is an {@link Verdict#ERROR} with the reason; anything else fails with the program's last
 * error line (or "out of memory", "CPU time limit"). With {@code entry}, the tests get {@code candidate}: the
 * first of those names the code defines. A missing interpreter skips the check. Options: {@code tests}
 * (required), {@code entry}, {@code prepend}, {@code files}, {@code extract} (false: run the answer as is,
 * e.g. a raw completion), {@code timeout_s} (default 10), {@code memory_mb} (default 2048 or
 * {@code -Dworkbench.exec.memoryMb}), {@code cpu_s} (default timeout + 1), {@code interpreter}.
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
        Limits l = Limits.of(Duration.ofMillis((long) (positive(spec, "timeout_s", 10) * 1000)));
        if (spec.options().has("memory_mb")) {
            l = l.withMemoryBytes((long) positive(spec, "memory_mb", 0) << 20);
        }
        if (spec.options().has("cpu_s")) {
            l = l.withCpuTime(Duration.ofMillis((long) (positive(spec, "cpu_s", 0) * 1000)));
        }
        this.limits = l;
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
            String script = node ? nodeScript(code) : pythonScript(code);
            Path main = dir.resolve(node ? "main_test.js" : "main_test.py");
            Files.writeString(main, script, StandardCharsets.UTF_8);
            ExecResult r = new ProcessRunner(limits).run(List.of(exe.get().toString(),
                    main.getFileName().toString()), dir);
            return verdict(r);
        } catch (IOException | UncheckedIOException e) {
            return new CheckResult(type, Verdict.ERROR, 0, "error: " + e.getMessage());
        } finally {
            FileTrees.deleteTreeQuietly(dir);
        }
    }

    private CheckResult verdict(ExecResult r) {
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
        if (r.succeeded()) {
            return new CheckResult(type, Verdict.PASSED, 1, "tests passed (" + r.millis() + " ms)" + left);
        }
        if (r.outOfMemory() || r.ending() == Ending.SIGNALLED) {
            return new CheckResult(type, Verdict.FAILED, 0, "failed: " + r.describe());
        }
        return new CheckResult(type, Verdict.FAILED, 0, "failed: " + r.failureLine() + left);
    }

    private static double positive(CheckSpec spec, String key, double dflt) {
        double v = spec.number(key, dflt);
        if (!(v > 0)) {
            throw new CheckSpecException(spec.where() + ": check '" + spec.displayType() + "': '" + key
                    + "' must be a positive number, not " + spec.options().get(key));
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
        StringBuilder s = new StringBuilder(prepend).append('\n').append(code).append("\n;(async () => {\n");
        if (!entries.isEmpty()) {
            s.append("const candidate = (() => { for (const n of ").append(pyList())
                    .append(") { try { const f = eval(n); if (typeof f === 'function') return f; } catch (e) {} }")
                    .append(" throw new Error('the answer defines none of: ").append(String.join(", ", entries))
                    .append("'); })();\n");
        }
        return s.append(tests).append("\n})().then(() => process.exit(0), e => {")
                .append(" console.error('FAIL: ' + (e && e.message ? e.message : String(e))); process.exit(1); });\n")
                .toString();
    }

    private String pyList() {
        StringBuilder s = new StringBuilder("[");
        for (String e : entries) {
            s.append(s.length() > 1 ? ", " : "").append('"').append(e.replace("\"", "")).append('"');
        }
        return s.append(']').toString();
    }
}
