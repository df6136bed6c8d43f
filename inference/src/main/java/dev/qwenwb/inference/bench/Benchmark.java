package dev.qwenwb.inference.bench;

import dev.qwenwb.inference.generate.DevicePlacement;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.engines.Generators;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.util.Percentiles;
import dev.qwenwb.inference.util.ProcessMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * llama-bench's measurement for one model (through the {@link Generator} API, so any engine): per run, load, prefill a prompt of random token ids, decode
 * greedily; figures per run and as medians. Speed is measured here, never in unit tests.
 */
public final class Benchmark {

    /** Token ids drawn for prompts stay below Qwen's special tokens. */
    private static final int ORDINARY_TOKENS = 151643;

    private Benchmark() {
    }

    /**
     * @param model      the model, as {@code --model} names it
     * @param name       how the report names the model
     * @param options    device, dtype, threads
     * @param config     prompt/generation sizes and runs
     * @param bandwidth  measure the memory bandwidth after the runs (CPU yardstick; see {@link #triadGbPerS})
     * @param progress   hears each run as it finishes
     */
    public static BenchReport run(String model, String name, EngineOptions options, BenchConfig config, boolean bandwidth,
                                  Consumer<BenchRun> progress) {
        int[] prompt = randomPrompt(config.promptTokens(), config.seed());
        List<BenchRun> runs = new ArrayList<>();
        long bytesPerToken = 0;
        String device = "";
        String dtype = "";
        String dtypeReason = "";
        DevicePlacement placement = null;
        for (int r = 0; r < config.runs(); r++) {
            System.gc(); // what earlier runs left behind should not count in this one's peak
            ProcessMemory.resetPeak();
            try (Generator generator = Generators.open(model, options.withContextLength(
                    Math.max(options.contextLength(), config.promptTokens() + config.genTokens() + 1)));
                 Generator.Session session = generator.newSession()) {
                bytesPerToken = generator.info().weightBytesPerToken();
                device = generator.info().device();
                dtype = generator.info().dtype();
                dtypeReason = generator.info().dtypeReason();
                placement = generator.placement().orElse(null);
                for (int w = 0; w < config.warmups(); w++) { // JIT and allocator warm-up, as llama-bench does
                    session.generate(request(randomPrompt(config.promptTokens(), w + 1), 4));
                    session.reset();
                }
                GenerationResult result = session.generate(request(prompt, config.genTokens()));
                BenchRun run = toRun(generator.info().loadMs() / 1000.0, result.stats());
                runs.add(run);
                progress.accept(run);
            }
        }
        // after the runs, so its arrays do not count in their peak memory
        double triad = bandwidth ? triadGbPerS(options) : 0;
        return new BenchReport(name, device, dtype, options.threads(), config, runs, bytesPerToken, triad,
                dtypeReason, placement);
    }

    /** Greedy, exactly {@code tokens} new tokens (end-of-sequence ignored), as llama-bench measures. */
    private static GenerationRequest request(int[] ids, int tokens) {
        return new GenerationRequest(Prompt.tokens(ids), Sampling.argmax(), Limits.maxTokens(tokens).withIgnoreEos(true));
    }

    private static BenchRun toRun(double loadS, GenerationStats s) {
        double[] lat = s.tokenLatenciesMs();
        double[] itl = Arrays.copyOfRange(lat, 1, lat.length);
        return new BenchRun(loadS, s.ttftMs(), s.prefillTokensPerS(), s.decodeTokensPerS(),
                Percentiles.of(itl, 50), Percentiles.of(itl, 99), s.peakRssMb(), s.gpuMemoryMb());
    }

    /** The memory bandwidth (STREAM triad, 128 MiB arrays, best of 3) on the threads {@code options} name. */
    public static double triadGbPerS(EngineOptions options) {
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        return MemoryBandwidth.triadGbPerS(threads, 128, 3);
    }

    /** {@code n} seeded random ordinary token ids. */
    public static int[] randomPrompt(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(ORDINARY_TOKENS);
        }
        return ids;
    }
}
