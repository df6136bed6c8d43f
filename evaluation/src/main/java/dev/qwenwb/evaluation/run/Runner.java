package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.CheckSpec;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a suite's cases × configurations × repeats. Answers are generated one at a time (one model thread);
 * checks run on {@code jobs} threads meanwhile. Each result is appended to the run folder as soon as it is
 * scored; a run folder that already holds results is resumed (done keys are skipped). {@link #cancel} stops
 * after the case in flight, which is then not recorded.
 */
public final class Runner {

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    /**
     * @param repeats answers per case and configuration (pass@k needs more than one)
     * @param warmup unrecorded generations per configuration before the first recorded one
     * @param jobs threads that run checks
     */
    public record Options(int repeats, int warmup, int jobs) {
        /** Checks the ranges. */
        public Options {
            if (repeats < 1 || warmup < 0 || jobs < 1) {
                throw new IllegalArgumentException("repeats >= 1, warmup >= 0, jobs >= 1");
            }
        }
    }

    /** Hears each result as it is recorded (from a check thread), and optionally the run's progress. */
    public interface Listener {
        /** @param r the result just persisted */
        void onResult(ResultRecord r);

        /** A configuration's backend is about to open (a model loads); on the run's thread. */
        default void onOpening(RunConfig config) {
        }

        /** A case is about to be answered; on the run's thread. */
        default void onStarted(RunConfig config, EvalCase c, int repeat) {
        }
    }

    private final CheckRegistry registry;
    private final Function<RunConfig, Backend> backends;
    private volatile boolean cancelled;
    private volatile Backend current;

    /**
     * @param registry the check types
     * @param backends opens a configuration's backend ({@link Backends#open} in production)
     */
    public Runner(CheckRegistry registry, Function<RunConfig, Backend> backends) {
        this.registry = registry;
        this.backends = backends;
    }

    /** Stops the run after the case in flight; callable from any thread. */
    public void cancel() {
        cancelled = true;
        Backend b = current;
        if (b != null) {
            b.cancel();
        }
    }

    /** @return whether {@link #cancel} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs (or resumes) a suite into a run folder.
     *
     * @return every result of the run folder, old and new
     * @throws IllegalArgumentException if the folder holds a different run
     */
    public List<ResultRecord> run(Suite suite, List<RunConfig> configs, Options options, RunStore store,
                                  Listener listener) {
        RunInfo info = RunInfo.of(suite, configs, options.repeats(), Instant.now().toString());
        RunInfo old = store.readInfo().orElse(null);
        if (old != null) {
            if (!old.suiteName().equals(suite.name()) || !old.configs().keySet().equals(info.configs().keySet())) {
                throw new IllegalArgumentException(store.dir() + " holds a run of suite '" + old.suiteName()
                        + "' with configurations " + old.configs().keySet() + "; choose another --out to start a new run");
            }
            info = new RunInfo(info.suiteName(), info.suiteSource(), info.caseTitles(), info.claims(), old.configs(),
                    options.repeats(), old.started());
        }
        store.writeInfo(info);
        Set<String> done = new HashSet<>();
        for (ResultRecord r : store.readResults()) {
            done.add(r.key());
        }
        if (!done.isEmpty()) {
            LOG.info("resuming {}: {} results already recorded", store.dir(), done.size());
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "eval-check");
            t.setDaemon(true);
            return t;
        });
        try {
            for (RunConfig config : configs) {
                if (cancelled) {
                    break;
                }
                List<int[]> pending = new ArrayList<>();
                for (int ci = 0; ci < suite.cases().size(); ci++) {
                    for (int rep = 0; rep < options.repeats(); rep++) {
                        if (!done.contains(ResultRecord.key(config.name(), suite.cases().get(ci).id(), rep))) {
                            pending.add(new int[] {ci, rep});
                        }
                    }
                }
                if (!pending.isEmpty()) {
                    info = runConfig(suite, config, pending, options, store, info, pool, listener);
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return store.readResults();
    }

    private RunInfo runConfig(Suite suite, RunConfig config, List<int[]> pending, Options options, RunStore store,
                              RunInfo info, ExecutorService pool, Listener listener) {
        listener.onOpening(config);
        try (Backend backend = backends.apply(config)) {
            current = backend;
            Map<String, String> s = new java.util.LinkedHashMap<>(info.configs().get(config.name()));
            s.put("description", backend.describe());
            if (backend instanceof GeneratorBackend) {
                s.put("load_ms", Long.toString(((GeneratorBackend) backend).loadMs()));
            }
            Map<String, Map<String, String>> cfg = new java.util.LinkedHashMap<>(info.configs());
            cfg.put(config.name(), s);
            info = new RunInfo(info.suiteName(), info.suiteSource(), info.caseTitles(), info.claims(), cfg,
                    info.repeats(), info.started());
            store.writeInfo(info);
            for (int w = 0; w < options.warmup() && !cancelled && backend instanceof GeneratorBackend; w++) {
                backend.generate(suite.cases().get(0), 0);
            }
            for (int[] p : pending) {
                if (cancelled) {
                    break;
                }
                EvalCase c = suite.cases().get(p[0]);
                listener.onStarted(config, c, p[1]);
                Generation g;
                try {
                    g = backend.generate(c, p[1]);
                } catch (RuntimeException e) {
                    ResultRecord r = new ResultRecord(config.name(), c.id(), p[1], "", Metrics.NONE, new double[0],
                            List.of(new CheckResult("generate", Verdict.ERROR, 0, "error: " + e.getMessage())),
                            Verdict.FAILED, e.getMessage());
                    store.append(r);
                    listener.onResult(r);
                    continue;
                }
                if (g.cancelled() || cancelled) {
                    break;
                }
                int repeat = p[1];
                pool.submit(() -> {
                    ResultRecord r = score(config.name(), c, repeat, g);
                    store.append(r);
                    listener.onResult(r);
                });
            }
            return info;
        } finally {
            current = null;
        }
    }

    /** Runs every check of a case on an answer. */
    ResultRecord score(String config, EvalCase c, int repeat, Generation g) {
        List<CheckResult> results = new ArrayList<>();
        Answer answer = new Answer(c, g.text(), g.metrics());
        for (CheckSpec spec : c.checks()) {
            try {
                results.add(registry.create(spec).evaluate(answer));
            } catch (RuntimeException e) {
                results.add(new CheckResult(spec.displayType(), Verdict.ERROR, 0, "error: " + e));
            }
        }
        return new ResultRecord(config, c.id(), repeat, g.text(), g.metrics(), g.tokenLatenciesMs(), results,
                ResultRecord.combine(results), null, g.promptText());
    }
}
