package dev.qwenwb.app.ui.artifacts;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.exec.Ending;
import dev.qwenwb.evaluation.exec.ExecResult;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Limits;
import dev.qwenwb.evaluation.exec.ProcessRunner;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a Python or JavaScript artifact through the evaluation's {@link ProcessRunner} (the one runner of the
 * workbench: own session, time/CPU/memory limits, every process it starts killed at the end, capped output,
 * no inherited secrets), in a fresh temporary folder, stdout and stderr interleaved. Resource isolation, not a
 * security sandbox: the code runs as the user.
 */
public final class ArtifactRunner {

    private final ProcessRunner runner;

    /** A runner with the pane's limits: 10 s, the default memory limit, 64 KB of output. */
    public ArtifactRunner() {
        this(Limits.of(Duration.ofSeconds(10)).withOutputCap(64 * 1024));
    }

    /** @param limits the limits of each run */
    public ArtifactRunner(Limits limits) {
        this.runner = new ProcessRunner(limits).mergingOutput();
    }

    /**
     * Runs {@code code} (blocking: call it off the FX thread).
     *
     * @param language {@code python} or {@code javascript}
     * @param code the artifact's code
     * @return what happened
     */
    public RunResult run(String language, String code) {
        List<String> names;
        String file;
        if (language.equals("python")) {
            names = List.of("python3", "python");
            file = "main.py";
        } else if (language.equals("javascript")) {
            names = List.of("node");
            file = "main.js";
        } else {
            return RunResult.problem(I18n.t("artifacts.onlyPythonJs"));
        }
        Optional<Path> exe = Interpreters.find(names);
        if (exe.isEmpty()) {
            return RunResult.problem(I18n.t("artifacts.noInterpreter", names.get(0), language));
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qwen-artifact");
            Files.writeString(dir.resolve(file), code, StandardCharsets.UTF_8);
            ExecResult r = runner.run(List.of(exe.get().toString(), file), dir);
            if (r.ending() == Ending.NOT_STARTED) {
                return RunResult.problem(r.describe());
            }
            String out = r.stdout();
            if (r.stdoutDropped() > 0) {
                out += "\n" + I18n.t("artifacts.outputCut", r.stdoutDropped());
            }
            return new RunResult(r.ending(), r.exitCode(), out, r.describe(), null);
        } catch (IOException e) {
            return RunResult.problem(I18n.t("artifacts.cannotRun", e.getMessage()));
        } finally {
            FileTrees.deleteTreeQuietly(dir);
        }
    }
}
