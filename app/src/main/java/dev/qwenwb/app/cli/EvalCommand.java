package dev.qwenwb.app.cli;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.report.ConfigSummary;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.report.SummaryJson;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.ResultRecord;
import dev.qwenwb.evaluation.run.RunConfig;
import dev.qwenwb.evaluation.run.RunStore;
import dev.qwenwb.evaluation.run.Runner;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.generate.Limits;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: runs (or resumes) a suite over one or more configurations and writes the run folder. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Run a prompt suite, check the answers, measure the generations.",
                "Writes results.jsonl (one line per answer, as it goes), summary.json, report.html, results.csv",
                "into --out. Running again with the same --out resumes an interrupted run.",
                "Generated code runs in child processes: isolation, not a security sandbox."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "suite YAML file")
    Path suite;

    @Mixin
    EngineFlags engine;

    @Option(names = "--backend", paramLabel = "B", description = "engine (default), openai:BASE_URL (an "
            + "OpenAI-compatible endpoint; give model=NAME in --config) or replay:FILE (JSON Lines of "
            + "{\"case\": ID, \"text\": ANSWER})")
    String backend;

    @Option(names = "--config", paramLabel = "NAME=k=v,…", description = "a configuration (repeatable), e.g. "
            + "cpu=device=cpu,dtype=f32, t07=temperature=0.7,seed=1 or "
            + "vllm=backend=openai:http://HOST:8000/v1,model=NAME,concurrency=8; keys: backend, model, device, dtype, "
            + "context, threads, max_tokens, temperature, top_p, top_k, repetition_penalty, seed, api_key (else "
            + "OPENAI_API_KEY), concurrency (remote only)")
    List<String> configs = new ArrayList<>();

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "new tokens per answer at most (default: " + Limits.DEFAULT_MAX_NEW_TOKENS + ")")
    Integer maxTokens;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "N", description = "answers per case (pass@k)")
    int repeats;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "unrecorded generations before measuring (engine only; default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--jobs", defaultValue = "0", paramLabel = "N",
            description = "parallel check processes (default: number of CPUs)")
    int jobs;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/SUITE-TIME)")
    Path out;

    @Option(names = "--json", description = "print the summary object instead of a table")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Suite s = new SuiteLoader(CheckRegistry.standard()).load(suite);
        List<RunConfig> runConfigs = configurations();
        Path dir = out != null ? out : Path.of("runs", s.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunStore store = writableRunFolder(dir);
        int total = s.cases().size() * repeats * runConfigs.size();
        AtomicInteger done = new AtomicInteger(store.readResults().size());
        Runner runner = new Runner(CheckRegistry.standard(), Backends::open);
        int threads = jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
        runner.run(s, runConfigs, new Runner.Options(repeats, warmup, threads), store, r -> {
            synchronized (err) {
                err.printf(Locale.ROOT, "[%d/%d] %s %s%s: %s%n", done.incrementAndGet(), total, r.config(),
                        r.caseId(), repeats > 1 ? " #" + r.repeat() : "", describe(r));
                err.flush();
            }
        });
        RunSummary summary = Reports.write(store);
        if (runner.unanswered() > 0) {
            err.println("error: " + runner.unanswered() + " case(s) got no answer (" + runner.lastUnansweredReason()
                    + "); run again with --out " + dir + " to resume");
            err.flush();
        }
        if (json) {
            stdout.println(Json.write(SummaryJson.of(summary)));
        } else {
            for (ConfigSummary c : summary.configs()) {
                stdout.printf(Locale.ROOT, "%s: %d/%d passed%s · TTFT median %s ms · decode median %s tok/s · %s%n",
                        c.name(), c.passed(), c.results() - c.skipped(),
                        c.skipped() > 0 ? " (" + c.skipped() + " skipped)" : "",
                        fmt(c.metrics().get("ttft_ms").median()), fmt(c.metrics().get("decode_tokens_per_s").median()),
                        c.description());
            }
            stdout.println("report: " + dir.resolve(Reports.HTML));
        }
        stdout.flush();
        return runner.unanswered() > 0 ? 1 : 0;
    }

    /** The run folder, checked before anything runs: one that cannot be written is a bad {@code --out} (exit 2). */
    private static RunStore writableRunFolder(Path dir) {
        try {
            RunStore store = new RunStore(dir);
            store.checkWritable();
            return store;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--out " + dir + ": " + e.getMessage().replace(dir + ": ", ""));
        }
    }

    private List<RunConfig> configurations() {
        engine.options(); // the engine flags are checked before anything loads
        String model = engine.hasModel() ? engine.model() : null;
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("--max-tokens " + maxTokens + ": expected a whole number > 0");
        }
        if (repeats <= 0) {
            throw new IllegalArgumentException("--repeats " + repeats + ": expected a whole number > 0");
        }
        if (warmup < 0 || jobs < 0) {
            throw new IllegalArgumentException((warmup < 0 ? "--warmup " + warmup : "--jobs " + jobs)
                    + ": expected a whole number >= 0");
        }
        List<RunConfig> list = new ArrayList<>();
        for (String c : configs) {
            list.add(withDefaults(RunConfig.parse(c, model)));
        }
        if (list.isEmpty()) {
            if (backend != null && backend.startsWith("replay:")) {
                list.add(new RunConfig("replay", java.util.Map.of("backend", backend)));
            } else if (model != null) {
                list.add(withDefaults(RunConfig.parse(name(model) + "=backend=engine", model)));
            } else {
                throw new IllegalArgumentException("give --model MODEL, --backend replay:FILE or --config NAME=…");
            }
        }
        list.forEach(Backends::check); // before the run folder is made
        return list;
    }

    private RunConfig withDefaults(RunConfig rc) {
        java.util.Map<String, String> s = new java.util.LinkedHashMap<>(rc.settings());
        if (backend != null && !s.containsKey("backend")) {
            s.put("backend", backend);
        }
        if (maxTokens != null) {
            s.putIfAbsent("max_tokens", Integer.toString(maxTokens));
        }
        putIfGiven(s, "device", engine.device);
        putIfGiven(s, "dtype", engine.dtype);
        putIfGiven(s, "context", engine.context);
        putIfGiven(s, "threads", engine.threads);
        putIfGiven(s, "gpu_layers", engine.gpuLayers);
        return new RunConfig(rc.name(), s);
    }

    private static void putIfGiven(java.util.Map<String, String> s, String key, Object value) {
        if (value != null) {
            s.putIfAbsent(key, value.toString());
        }
    }

    private static String name(String model) {
        Path f = Path.of(model).toAbsolutePath().normalize().getFileName();
        String n = f == null ? "model" : f.toString().replaceAll("[^\\w.+-]", "_");
        return n.isEmpty() ? "model" : n;
    }

    private static String describe(ResultRecord r) {
        String reason = r.checks().stream().filter(c -> !c.pass()).map(c -> c.type() + ": " + c.reason())
                .findFirst().orElse("");
        return r.verdict().label() + (reason.isEmpty() ? "" : " — " + reason);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", v);
    }
}
