package dev.qwenwb.inference.bench;

import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.ChatSession;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.LocalModel;
import dev.qwenwb.inference.generate.SamplingParams;
import dev.qwenwb.inference.util.ProcessMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * llama-bench's measurement for one model folder: per run, load, prefill a prompt of random token ids, decode
 * greedily; figures per run and as medians. Speed is measured here, never in unit tests.
 */
public final class Benchmark {

    /** Token ids drawn for prompts stay below Qwen's special tokens. */
    private static final int ORDINARY_TOKENS = 151643;

    private Benchmark() {
    }

    /**
     * @param dir        the model folder
     * @param name       how the report names the model
     * @param options    device, dtype, threads
     * @param config     prompt/generation sizes and runs
     * @param bandwidth  measure the memory bandwidth first (CPU yardstick)
     * @param progress   hears each run as it finishes
     */
    public static BenchReport run(Path dir, String name, EngineOptions options, BenchConfig config, boolean bandwidth,
                                  Consumer<BenchRun> progress) {
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        int[] prompt = randomPrompt(config.promptTokens(), config.seed());
        List<BenchRun> runs = new ArrayList<>();
        long bytesPerToken = 0;
        String device = "";
        String dtype = "";
        for (int r = 0; r < config.runs(); r++) {
            System.gc(); // what earlier runs left behind should not count in this one's peak
            ProcessMemory.resetPeak();
            try (LocalModel model = LocalModel.load(dir, options.withContextLength(
                    Math.max(options.contextLength(), config.promptTokens() + config.genTokens() + 1)));
                 ChatSession session = model.newSession()) {
                bytesPerToken = model.info().weightBytesPerToken();
                device = model.info().device();
                dtype = model.info().dtype().label();
                for (int w = 0; w < config.warmups(); w++) { // JIT and allocator warm-up, as llama-bench does
                    session.generate(new GenerationRequest(randomPrompt(config.promptTokens(), w + 1),
                            SamplingParams.greedyDecoding(), 4,
                            List.of(), Set.of()));
                    session.reset();
                }
                GenerationResult result = session.generate(new GenerationRequest(prompt,
                        SamplingParams.greedyDecoding(), config.genTokens(), List.of(), Set.of()));
                BenchRun run = toRun(model.info().loadMs() / 1000.0, result.stats());
                runs.add(run);
                progress.accept(run);
            }
        }
        // after the runs, so its arrays do not count in their peak memory
        double triad = bandwidth ? MemoryBandwidth.triadGbPerS(threads, 128, 3) : 0;
        return new BenchReport(name, device, dtype, options.threads(), config, runs, bytesPerToken, triad);
    }

    private static BenchRun toRun(double loadS, GenerationStats s) {
        double[] lat = s.tokenLatenciesMs();
        double[] itl = Arrays.copyOfRange(lat, 1, lat.length);
        return new BenchRun(loadS, s.ttftMs(), s.prefillTokensPerS(), s.decodeTokensPerS(),
                BenchReport.quantile(itl, 0.5), BenchReport.quantile(itl, 0.99), s.peakRssMb(), s.gpuMemoryMb());
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
