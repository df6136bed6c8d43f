package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.check.Answer;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a suite's cases × configurations × repeats. Answers are generated one at a time (one model thread), or up to
 * a remote backend's {@link Backend#concurrency()} at once; checks run on {@code jobs} threads meanwhile. Each result is appended to the run folder as soon as it is
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
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile String lastUnanswered;
    private final AtomicReference<RuntimeException> writeFailure = new AtomicReference<>();

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
     * @return cases of the last {@link #run} that got no answer because the backend could not be reached or the
     *     connection dropped (not recorded: running again with the same folder redoes them)
     */
    public int unanswered() {
        return unanswered.get();
    }

    /** @return why the last unanswered case got no answer, or null */
    public String lastUnansweredReason() {
        return lastUnanswered;
    }

    /**
     * Runs (or resumes) a suite into a run folder.
     *
     * @return every result of the run folder, old and new
     * @throws IllegalArgumentException if the folder holds a different run
     */
    public List<ResultRecord> run(Suite suite, List<RunConfig> configs, Options options, RunStore store,
                                  Listener listener) {
        unanswered.set(0);
        lastUnanswered = null;
        writeFailure.set(null);
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
        RuntimeException failed = writeFailure.get();
        if (failed != null) {
            throw failed; // a result that could not be saved stops the run; the folder stays resumable
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
                try {
                    backend.generate(suite.cases().get(0), 0);
                } catch (RuntimeException e) { // the recorded generation of that case will say it again
                    LOG.warn("{}: warm-up generation failed: {}", config.name(), e.getMessage());
                }
            }
            int parallel = Math.max(1, backend.concurrency());
            if (parallel == 1) {
                for (int[] p : pending) {
                    if (cancelled || !answer(suite, config, backend, p, store, pool, listener)) {
                        break;
                    }
                }
            } else {
                answerInParallel(suite, config, backend, pending, parallel, store, pool, listener);
            }
            s.put("description", backend.describe()); // what the backend learned while answering (remote: token counts)
            cfg.put(config.name(), s);
            info = new RunInfo(info.suiteName(), info.suiteSource(), info.caseTitles(), info.claims(), cfg,
                    info.repeats(), info.started());
            store.writeInfo(info);
            return info;
        } finally {
            current = null;
        }
    }

    /**
     * Up to {@code parallel} generations in flight (a remote endpoint serves many at once); each answer is scored and
     * persisted as it arrives, as in the sequential loop.
     */
    private void answerInParallel(Suite suite, RunConfig config, Backend backend, List<int[]> pending, int parallel,
                                  RunStore store, ExecutorService pool, Listener listener) {
        ExecutorService gen = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "eval-generate");
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(parallel);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int[] p : pending) {
                slots.acquireUninterruptibly();
                if (cancelled || stop.get()) {
                    slots.release();
                    break;
                }
                gen.execute(() -> {
                    try {
                        if (!answer(suite, config, backend, p, store, pool, listener)) {
                            stop.set(true);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquireUninterruptibly(parallel); // every generation in flight has ended
        } finally {
            gen.shutdown();
        }
    }

    /**
     * Generates one case and hands it to the check pool; a generation that fails is recorded as a failed result,
     * except when the backend could not be reached or the connection dropped ({@link UncheckedIOException}): nothing
     * is recorded then and the configuration stops, so running again with the same folder redoes the case, as after a
     * killed run.
     *
     * @return false when this configuration should stop (cancelled, or the backend unreachable)
     */
    private boolean answer(Suite suite, RunConfig config, Backend backend, int[] p, RunStore store,
                           ExecutorService pool, Listener listener) {
        EvalCase c = suite.cases().get(p[0]);
        listener.onStarted(config, c, p[1]);
        Generation g;
        try {
            g = backend.generate(c, p[1]);
        } catch (UncheckedIOException e) {
            LOG.warn("{} {} #{}: no answer, not recorded (run again with the same folder to redo it): {}",
                    config.name(), c.id(), p[1], e.getMessage());
            unanswered.incrementAndGet();
            lastUnanswered = e.getMessage();
            return false; // the endpoint is gone: this configuration stops, as a killed run would
        } catch (RuntimeException e) {
            ResultRecord r = new ResultRecord(config.name(), c.id(), p[1], "", Metrics.NONE, new double[0],
                    List.of(new CheckResult("generate", Verdict.ERROR, 0, "error: " + e.getMessage())),
                    Verdict.FAILED, e.getMessage());
            return persist(store, r, listener);
        }
        if (g.cancelled() || cancelled) {
            return false;
        }
        int repeat = p[1];
        pool.execute(() -> {
            if (writeFailure.get() != null) {
                return;
            }
            persist(store, score(config.name(), c, repeat, g), listener);
        });
        return writeFailure.get() == null;
    }

    /**
     * Appends a result; a write that fails (a full disk, a read-only folder) stops the run: {@link #run} then
     * throws it, naming the file.
     *
     * @return whether it was saved
     */
    private boolean persist(RunStore store, ResultRecord r, Listener listener) {
        try {
            store.append(r);
        } catch (RuntimeException e) {
            if (writeFailure.compareAndSet(null, e)) {
                LOG.error("{}", e.getMessage());
                cancel();
            }
            return false;
        }
        listener.onResult(r);
        return true;
    }

    /**
     * Runs every check of a case on an answer. A check that cannot run to its verdict (an exception, a stack
     * overflow, memory) is an {@link Verdict#ERROR} with the reason, recorded like any other result.
     */
    ResultRecord score(String config, EvalCase c, int repeat, Generation g) {
        List<CheckResult> results = new ArrayList<>();
        Answer answer = new Answer(c.id(), g.text(), g.metrics());
        for (CheckSpec spec : c.checks()) {
            try {
                results.add(registry.create(spec).evaluate(answer));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                LOG.warn("{}: check '{}' could not run: {}", spec.where(), spec.displayType(), e.toString());
                results.add(new CheckResult(spec.displayType(), Verdict.ERROR, 0, "error: the check could not run: "
                        + why(e)));
            }
        }
        return new ResultRecord(config, c.id(), repeat, g.text(), g.metrics(), g.tokenLatenciesMs(), results,
                ResultRecord.combine(results), null, g.promptText());
    }

    private static String why(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "it ran out of stack (StackOverflowError)";
        }
        if (e instanceof OutOfMemoryError) {
            return "it ran out of memory (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
