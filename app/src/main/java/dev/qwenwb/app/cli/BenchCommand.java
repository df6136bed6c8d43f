package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.app.demo.DummyWeights;
import dev.qwenwb.inference.bench.BenchConfig;
import dev.qwenwb.inference.bench.BenchReport;
import dev.qwenwb.inference.bench.BenchRun;
import dev.qwenwb.inference.bench.Benchmark;
import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: load, time to first token, prefill and decode speed, memory — per run and as medians. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark a model (or random weights of a config's shape) like llama-bench.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "DIR", description = "Hugging Face model folder")
        Path model;

        @Option(names = "--dummy-weights", paramLabel = "CONFIG_JSON",
                description = "random weights of this config.json's shape, e.g. "
                        + "assets/models/qwen2.5-0.5b-instruct/config.json")
        Path dummyConfig;
    }

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D", description = "auto | cpu | cuda[:N]")
    String device;

    @Option(names = "--dtype", paramLabel = "T", description = "f32 | f16 | bf16 (default: per device)")
    String dtype;

    @Option(names = "--prompt-tokens", defaultValue = "50", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int promptTokens;

    @Option(names = "--gen-tokens", defaultValue = "128", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int genTokens;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "unmeasured short generations after each load (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "CPU threads (default: all)")
    int threads;

    @Option(names = "--no-bandwidth", description = "skip the memory-bandwidth (triad) measurement")
    boolean noBandwidth;

    @Option(names = "--article", description = "show the review article's claims beside the measured figures")
    boolean article;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        BenchConfig config = new BenchConfig(promptTokens, genTokens, runs, warmup, 42);
        EngineOptions options = new EngineOptions(DeviceSpec.parse(device),
                dtype == null ? null : ComputeDType.parse(dtype), 0, threads);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report;
        if (source.model != null) {
            report = Benchmark.run(source.model, source.model.getFileName().toString(), options, config,
                    !noBandwidth, run -> progress(err, run));
        } else {
            if (!Files.isRegularFile(source.dummyConfig)) {
                throw new IllegalArgumentException("--dummy-weights: " + source.dummyConfig + " is not a file");
            }
            err.println("writing random weights of " + source.dummyConfig + " …");
            err.flush();
            try (DummyWeights dummy = DummyWeights.write(source.dummyConfig)) {
                report = Benchmark.run(dummy.modelDir(), "dummy:" + source.dummyConfig, options, config,
                        !noBandwidth, run -> progress(err, run));
            }
        }
        out.println(json ? Json.write(toJson(report))
                : BenchTable.render(report, article ? ArticleClaims.load() : null));
        return 0;
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
