package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.RunConfig;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Where the evaluation view keeps and finds things, and how it opens backends (tests inject theirs).
 *
 * @param runs      the folder of the window's run folders
 * @param suites    where the built-in suites are installed
 * @param demoModel the demo model's folder (written on first use)
 * @param backends  opens a configuration's backend ({@link Backends#open}: engine, replay, and every backend added
 *                  there)
 * @param warmup    unrecorded generations per generating configuration before measuring
 * @param jobs      threads that run checks
 * @param clockMs   the time in ms (progress and ETA)
 */
public record EvaluationEnvironment(Path runs, Path suites, Path demoModel, Function<RunConfig, Backend> backends,
                                    int warmup, int jobs, LongSupplier clockMs) {

    /** @return the app's environment over a data folder's runs, suites and demo model folders */
    public static EvaluationEnvironment of(Path runs, Path suites, Path demoModel) {
        return new EvaluationEnvironment(runs, suites, demoModel, Backends::open, 1,
                Math.max(1, Runtime.getRuntime().availableProcessors()), System::currentTimeMillis);
    }

    /** @return this environment with another way to open backends */
    public EvaluationEnvironment withBackends(Function<RunConfig, Backend> b) {
        return new EvaluationEnvironment(runs, suites, demoModel, b, warmup, jobs, clockMs);
    }
}
