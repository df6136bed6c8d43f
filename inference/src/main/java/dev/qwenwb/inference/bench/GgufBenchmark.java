package dev.qwenwb.inference.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.gguf.GgufModel;
import dev.qwenwb.inference.gguf.GgufQuantizer;
import dev.qwenwb.inference.gguf.GgufSession;
import dev.qwenwb.inference.llamacpp.LlamaQuantizeParams;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link Benchmark}'s measurement for a GGUF file through the llama.cpp engine: per run, load, warm up, prefill the
 * same random prompt ids ({@link Benchmark#randomPrompt}), decode greedily without stopping on end-of-sequence.
 * The figures have {@code bench}'s fields, so the two engines and the reference harness
 * ({@code ../shared/tools/llamacpp/bench.mjs}) can be put side by side.
 *
 * <p>{@link #main} is a small entry point until {@code bench} takes GGUF files:
 * <pre>
 *   java -cp "app/target/app-*.jar:app/target/lib/*" dev.qwenwb.inference.bench.GgufBenchmark MODEL.gguf \
 *        [--threads 2] [--runs 3] [--prompt-tokens 50] [--gen-tokens 128] [--warmup 1] [--no-bandwidth]
 *   java -cp ... dev.qwenwb.inference.bench.GgufBenchmark --quantize-q4_k_m IN.gguf OUT.gguf [--threads 2]
 * </pre>
 * It prints one JSON line on stdout.
 */
public final class GgufBenchmark {

    private GgufBenchmark() {
    }

    /**
     * @param file      the GGUF file
     * @param options   threads and context (device and dtype do not apply)
     * @param config    prompt/generation sizes and runs
     * @param bandwidth measure the memory bandwidth after the runs (the yardstick)
     * @param progress  hears each run as it finishes
     */
    public static BenchReport run(Path file, EngineOptions options, BenchConfig config, boolean bandwidth,
                                  Consumer<BenchRun> progress) {
        return run(file, options, config, bandwidth, progress, ids -> { });
    }

    /** As above; {@code tokens} hears each run's generated ids (greedy: the same every run). */
    public static BenchReport run(Path file, EngineOptions options, BenchConfig config, boolean bandwidth,
                                  Consumer<BenchRun> progress, Consumer<int[]> tokens) {
        int[] prompt = Benchmark.randomPrompt(config.promptTokens(), config.seed());
        List<BenchRun> runs = new ArrayList<>();
        long bytesPerToken = 0;
        String backend = "";
        String fileType = "";
        int threads = options.threads();
        for (int r = 0; r < config.runs(); r++) {
            System.gc();
            ProcessMemory.resetPeak();
            try (GgufModel model = GgufModel.load(file, options.withContextLength(
                    Math.max(options.contextLength(), config.promptTokens() + config.genTokens() + 1)));
                 GgufSession session = model.newSession()) {
                bytesPerToken = model.info().weightBytesPerToken();
                backend = model.info().backend();
                fileType = model.info().fileType();
                threads = model.info().threads();
                for (int w = 0; w < config.warmups(); w++) {
                    session.generate(new GenerationRequest(Benchmark.randomPrompt(config.promptTokens(), w + 1),
                            SamplingParams.greedyDecoding(), 4, List.of(), Set.of()));
                    session.reset();
                }
                GenerationResult result = session.generate(new GenerationRequest(prompt,
                        SamplingParams.greedyDecoding(), config.genTokens(), List.of(), Set.of()));
                BenchRun run = toRun(model.info().loadMs() / 1000.0, result.stats());
                runs.add(run);
                progress.accept(run);
                tokens.accept(result.tokenIds());
            }
        }
        double triad = bandwidth ? MemoryBandwidth.triadGbPerS(threads, 128, 3) : 0;
        return new BenchReport(file.getFileName().toString(), "cpu (" + backend + ")", fileType, threads, config,
                runs, bytesPerToken, triad);
    }

    private static BenchRun toRun(double loadS, GenerationStats s) {
        double[] lat = s.tokenLatenciesMs();
        double[] itl = Arrays.copyOfRange(lat, 1, lat.length);
        return new BenchRun(loadS, s.ttftMs(), s.prefillTokensPerS(), s.decodeTokensPerS(),
                BenchReport.quantile(itl, 0.5), BenchReport.quantile(itl, 0.99), s.peakRssMb(), -1);
    }

    /** The entry point described above. */
    public static void main(String[] args) throws Exception {
        int threads = 0;
        int runs = 3;
        int promptTokens = 50;
        int genTokens = 128;
        int warmup = 1;
        boolean bandwidth = true;
        List<Path> files = new ArrayList<>();
        boolean quantize = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--prompt-tokens" -> promptTokens = Integer.parseInt(args[++i]);
                case "--gen-tokens" -> genTokens = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--no-bandwidth" -> bandwidth = false;
                case "--quantize-q4_k_m" -> quantize = true;
                default -> {
                    if (args[i].startsWith("--")) {
                        System.err.println("unknown option " + args[i] + " (see GgufBenchmark's Javadoc)");
                        System.exit(2);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        if (quantize) {
            if (files.size() != 2) {
                System.err.println("--quantize-q4_k_m IN.gguf OUT.gguf");
                System.exit(2);
            }
            long t0 = System.nanoTime();
            GgufQuantizer.quantize(files.get(0), files.get(1), LlamaQuantizeParams.FTYPE_Q4_K_M, threads);
            System.out.println(json.createObjectNode().put("out", files.get(1).toString())
                    .put("file_bytes", Files.size(files.get(1))).put("seconds", (System.nanoTime() - t0) / 1e9));
            return;
        }
        if (files.size() != 1) {
            System.err.println("usage: GgufBenchmark MODEL.gguf [--threads N] [--runs N] [--prompt-tokens N]"
                    + " [--gen-tokens N] [--warmup N] [--no-bandwidth]");
            System.exit(2);
        }
        BenchConfig config = new BenchConfig(promptTokens, genTokens, runs, warmup, 42);
        int[][] firstIds = new int[1][];
        BenchReport report = run(files.get(0), EngineOptions.defaults().withThreads(threads), config, bandwidth,
                r -> System.err.printf(java.util.Locale.ROOT, "run: load %.2f s, TTFT %.1f ms, decode %.2f tokens/s,"
                        + " peak RSS %d MB%n", r.loadS(), r.ttftMs(), r.decodeTokensPerS(), r.peakRssMb()),
                ids -> {
                    if (firstIds[0] == null) {
                        firstIds[0] = ids;
                    } else if (!Arrays.equals(firstIds[0], ids)) {
                        System.err.println("warning: greedy output differs between runs");
                    }
                });
        BenchRun m = report.median();
        ObjectNode o = json.createObjectNode();
        o.put("engine", "workbench-gguf");
        o.put("model", report.model());
        o.put("device", report.device());
        o.put("type", report.dtype());
        o.put("threads", report.threads());
        o.put("runs_count", report.runs().size());
        o.put("prompt_tokens", promptTokens);
        o.put("gen_tokens", genTokens);
        o.put("load_s", round(m.loadS(), 3));
        o.put("ttft_ms", round(m.ttftMs(), 1));
        o.put("prefill_tokens_per_s", round(m.prefillTokensPerS(), 1));
        o.put("decode_tokens_per_s", round(m.decodeTokensPerS(), 2));
        o.put("itl_p50_ms", round(m.itlP50Ms(), 2));
        o.put("itl_p99_ms", round(m.itlP99Ms(), 2));
        o.put("peak_rss_mb", m.peakRssMb());
        o.put("file_bytes", Files.size(files.get(0)));
        o.put("weight_bytes_per_token", report.weightBytesPerToken());
        o.put("effective_gb_per_s", round(report.effectiveGbPerS(), 2));
        if (report.triadGbPerS() > 0) {
            o.put("triad_gb_per_s", round(report.triadGbPerS(), 2));
            o.put("bound_tokens_per_s", round(report.boundTokensPerS(), 2));
        }
        var first = o.putArray("first_ids");
        Arrays.stream(firstIds[0], 0, Math.min(8, firstIds[0].length)).forEach(first::add);
        o.put("loadavg", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), 2));
        var per = o.putArray("per_run");
        for (BenchRun r : report.runs()) {
            per.addObject().put("load_s", round(r.loadS(), 3)).put("ttft_ms", round(r.ttftMs(), 1))
                    .put("decode_tokens_per_s", round(r.decodeTokensPerS(), 2)).put("peak_rss_mb", r.peakRssMb());
        }
        System.out.println(json.writeValueAsString(o));
    }

    private static double round(double x, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(x * f) / f;
    }
}
