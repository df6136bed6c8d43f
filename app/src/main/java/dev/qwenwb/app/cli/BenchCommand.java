package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.app.demo.DummyWeights;
import dev.qwenwb.inference.bench.BenchConfig;
import dev.qwenwb.inference.bench.BenchReport;
import dev.qwenwb.inference.bench.BenchRun;
import dev.qwenwb.inference.bench.Benchmark;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.llamacpp.NoSuchDeviceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: load, time to first token, prefill and decode speed, memory — per run and as medians. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark a model (or random weights of a config's shape) like llama-bench.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineFlags engine;

    @Option(names = "--dummy-weights", paramLabel = "CONFIG_JSON",
            description = "random weights of this config.json's shape, e.g. "
                    + "assets/models/qwen2.5-0.5b-instruct/config.json (benchmarked first, before any --model)")
    Path dummyConfig;

    @Option(names = "--prompt-tokens", defaultValue = "50", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int promptTokens;

    @Option(names = "--gen-tokens", defaultValue = "128", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int genTokens;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "unmeasured short generations after each load (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--no-bandwidth", description = "skip the memory-bandwidth (triad) measurement")
    boolean noBandwidth;

    @Option(names = "--article", description = "show the review article's claims beside the measured figures")
    boolean article;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (dummyConfig == null && !engine.hasModel()) {
            throw new IllegalArgumentException("give --model MODEL (repeatable: compared side by side) or "
                    + "--dummy-weights CONFIG_JSON");
        }
        if (dummyConfig != null && !Files.isRegularFile(dummyConfig)) {
            throw new IllegalArgumentException("--dummy-weights " + dummyConfig + ": not a file");
        }
        atLeast("--prompt-tokens", promptTokens, 1);
        atLeast("--gen-tokens", genTokens, 1);
        atLeast("--runs", runs, 1);
        atLeast("--warmup", warmup, 0);
        BenchConfig config = new BenchConfig(promptTokens, genTokens, runs, warmup, 42);
        EngineOptions options = engine.options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BenchReport> reports = new ArrayList<>();
        if (dummyConfig != null) {
            err.println("writing random weights of " + dummyConfig + " …");
            err.flush();
            try (DummyWeights dummy = DummyWeights.write(dummyConfig)) {
                reports.add(Benchmark.run(dummy.modelDir().toString(), "dummy:" + dummyConfig, options, config, false,
                        run -> progress(err, run)));
            }
        }
        for (String model : engine.allModels()) {
            Path p = Path.of(model).getFileName();
            try {
                reports.add(Benchmark.run(model, p == null ? model : p.toString(), options, config, false,
                        run -> progress(err, run)));
            } catch (NoSuchDeviceException e) {
                throw new IllegalArgumentException(e.namingSetting("--device"));
            }
        }
        // once, after every model's runs, so its arrays count in no model's peak memory
        double triad = noBandwidth ? 0 : Benchmark.triadGbPerS(options);
        ArticleClaims claims = article ? ArticleClaims.load() : null;
        if (json) {
            reports.forEach(r -> out.println(Json.write(toJson(r.withTriad(triad)))));
        } else {
            out.println(BenchTable.render(reports.stream().map(r -> r.withTriad(triad)).toList(), claims));
        }
        return 0;
    }

    private static void atLeast(String flag, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(flag + " " + value + ": expected a whole number >= " + min);
        }
    }

    private void progress(PrintWriter err, BenchRun r) {
        if (json) {
            return;
        }
        err.printf(Locale.ROOT, "run: load %.2f s, TTFT %.1f ms, decode %.1f tokens/s, peak RSS %d MB%n", r.loadS(),
                r.ttftMs(), r.decodeTokensPerS(), r.peakRssMb());
        err.flush();
    }

    private ObjectNode toJson(BenchReport report) {
        ObjectNode o = Json.object();
        o.put("model", report.model());
        o.put("device", report.device());
        o.put("dtype", report.dtype());
        o.put("dtype_reason", report.dtypeReason());
        if (report.placement() != null) {
            StatsLine.placement(o, report.placement());
        }
        o.put("threads", report.threads());
        o.put("prompt_tokens", report.config().promptTokens());
        o.put("gen_tokens", report.config().genTokens());
        o.put("runs_count", report.runs().size());
        putRun(o, report.median());
        o.put("weight_bytes_per_token", report.weightBytesPerToken());
        o.put("effective_gb_per_s", Json.round(report.effectiveGbPerS()));
        if (report.triadGbPerS() > 0) {
            o.put("triad_gb_per_s", Json.round(report.triadGbPerS()));
            o.put("bound_tokens_per_s", Json.round(report.boundTokensPerS()));
            o.put("fraction_of_bound", Json.round(report.median().decodeTokensPerS() / report.boundTokensPerS()));
        }
        ArrayNode runsNode = o.putArray("runs");
        report.runs().forEach(r -> putRun(runsNode.addObject(), r));
        if (article) {
            o.set("article", ArticleClaims.load().json());
        }
        return o;
    }

    private static void putRun(ObjectNode o, BenchRun r) {
        o.put("load_s", Json.round(r.loadS()));
        o.put("ttft_ms", Json.round(r.ttftMs()));
        o.put("prefill_tokens_per_s", Json.round(r.prefillTokensPerS()));
        o.put("decode_tokens_per_s", Json.round(r.decodeTokensPerS()));
        o.put("itl_p50_ms", Json.round(r.itlP50Ms()));
        o.put("itl_p99_ms", Json.round(r.itlP99Ms()));
        o.put("peak_rss_mb", r.peakRssMb());
        if (r.gpuMemoryMb() >= 0) {
            o.put("gpu_memory_mb", r.gpuMemoryMb());
        }
    }

}
