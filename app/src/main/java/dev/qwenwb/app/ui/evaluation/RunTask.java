package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the evaluation engine's {@link Runner} (no second runner: it persists each result to the run folder
 * as it goes and resumes from it), telling the view what it does as {@link RunEvent}s. Writes the reports into the
 * run folder when it ends, stopped or not.
 */
final class RunTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunTask.class);

    private final Suite suite;
    private final List<RunConfig> configs;
    private final Runner.Options options;
    private final RunStore store;
    private final Consumer<RunEvent> events;
    private final LongSupplier clockMs;
    private final Runner runner;
    private volatile boolean stopped;

    /**
     * @param backends opens a configuration's backend
     * @param events   hears the run (from background threads)
     * @param clockMs  the time, in ms
     */
    RunTask(Suite suite, List<RunConfig> configs, Runner.Options options, RunStore store,
            Function<RunConfig, Backend> backends, Consumer<RunEvent> events, LongSupplier clockMs) {
        this.suite = suite;
        this.configs = configs;
        this.options = options;
        this.store = store;
        this.events = events;
        this.clockMs = clockMs;
        this.runner = new Runner(CheckRegistry.standard(), backends);
    }

    /** Stops after the case in flight (which is not recorded); any thread. */
    void stop() {
        stopped = true;
        runner.cancel();
    }

    @Override
    public void run() {
        java.util.Set<String> described = new java.util.HashSet<>();
        String error = null;
        try {
            runner.run(suite, configs, options, store, new Runner.Listener() {
                @Override
                public void onResult(ResultRecord r) {
                    events.accept(new RunEvent.Recorded(r, clockMs.getAsLong()));
                }

                @Override
                public void onOpening(RunConfig config) {
                    events.accept(new RunEvent.Opening(config.name(), clockMs.getAsLong()));
                }

                @Override
                public void onStarted(RunConfig config, EvalCase c, int repeat) {
                    if (described.add(config.name())) { // the runner has just written the backend's description
                        store.readInfo().ifPresent(i -> events.accept(new RunEvent.Described(i)));
                    }
                    events.accept(new RunEvent.Started(config.name(), c.id(), repeat, clockMs.getAsLong()));
                }
            });
        } catch (RuntimeException e) {
            error = ChatErrors.describe(e);
            LOG.warn("evaluation run in {} failed: {}", store.dir(), error);
        }
        try {
            Reports.write(store);
            store.readInfo().ifPresent(i -> events.accept(new RunEvent.Described(i)));
        } catch (RuntimeException e) {
            LOG.warn("cannot write the reports of {}: {}", store.dir(), e.getMessage());
        }
        events.accept(new RunEvent.Ended(stopped, error));
    }
}
