package dev.qwenwb.inference.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the CPU precision by measuring it: PyTorch's fp16 matrix–vector product is 2.6× faster than fp32 on one
 * AMD EPYC and 5.7× slower on one Intel Xeon with AVX-512, so no fixed choice is right everywhere. On the model's
 * own largest matrix shape it times a decode-shaped product (one row) in f32 and f16 — that picks how the weights
 * are held — and a prefill-shaped one (50 rows) with f16 weights multiplied as they are or widened to f32 in
 * blocks — that picks the prefill path for f16 weights. Well under a second; the verdict is remembered per machine,
 * thread count, library version and shape, so later loads skip the probe.
 */
public final class PrecisionProbe {

    /** The system property naming the folder the verdicts are kept in (tests point it into {@code target/}). */
    public static final String CACHE_PROPERTY = "workbench.cache";

    private static final Logger LOG = LoggerFactory.getLogger(PrecisionProbe.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "precision-probe.json";
    private static final int PREFILL_ROWS = 50;
    private static final int REPEATS = 7;
    /** A verdict closer than this is not remembered (noise could have decided it): the next load measures again. */
    private static final double DECISIVE = 1.15;

    /**
     * What the probe decided.
     *
     * @param weights      the precision to hold the weights in (f16 or f32)
     * @param widenPrefill with f16 weights: multiply prompts by widened f32 blocks (true) or in f16 (false)
     * @param reason       one line saying what was measured, e.g. for {@code bench --json}'s {@code dtype_reason}
     * @param decodeRatio  how many times faster the chosen precision's decode-shaped product was
     */
    public record Verdict(ComputeDType weights, boolean widenPrefill, String reason, double decodeRatio) {

        /** A verdict that was not measured (asked for, or the device's default). */
        public Verdict(ComputeDType weights, boolean widenPrefill, String reason) {
            this(weights, widenPrefill, reason, Double.POSITIVE_INFINITY);
        }

        /** @return whether the faster precision won by a clear margin */
        boolean decisive() {
            return decodeRatio >= DECISIVE;
        }
    }

    private PrecisionProbe() {
    }

    /**
     * The verdict for a matrix of {@code rows} × {@code cols} on this machine: remembered, or measured now (on the
     * calling thread, which must own {@code manager}'s arrays).
     *
     * @param threads the CPU threads in use (0 = the engine's default)
     */
    public static Verdict choose(NDManager manager, long rows, long cols, int threads) {
        String key = key(rows, cols, threads);
        Path file = cacheFile();
        Verdict known = read(file, key);
        if (known != null) {
            return new Verdict(known.weights(), known.widenPrefill(), known.reason() + " (remembered from an earlier "
                    + "probe on this machine)");
        }
        long t0 = System.nanoTime();
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Verdict v = measure(manager, rows, cols);
        LOG.info("precision probe for {}×{} took {} ms: {}", rows, cols, (System.nanoTime() - t0) / 1_000_000,
                v.reason());
        if (!v.decisive()) {
            return new Verdict(v.weights(), v.widenPrefill(), v.reason() + " (too close to remember: measured again "
                    + "at the next load)", v.decodeRatio());
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        if (loadBefore > cpus) { // other processes were running: the timings say as much about them as about us
            return new Verdict(v.weights(), v.widenPrefill(), v.reason() + String.format(Locale.ROOT, " (the machine "
                    + "was busy, load %.1f on %d CPUs: not remembered, measured again at the next load)", loadBefore,
                    cpus), v.decodeRatio());
        }
        write(file, key, v);
        return v;
    }

    static Verdict measure(NDManager manager, long rows, long cols) {
        try (NDManager m = manager.newSubManager()) {
            NDArray w32 = m.randomNormal(new Shape(rows, cols));                                       // (R, C) f32
            NDArray w16 = w32.toType(DataType.FLOAT16, false);                                        // (R, C) f16
            NDArray x1 = m.randomNormal(new Shape(1, cols));                                          // (1, C)
            NDArray xT = m.randomNormal(new Shape(PREFILL_ROWS, cols));                               // (T, C)
            double[] decode = race(() -> Linear.linear(x1, w32).head(),
                    () -> Linear.linear(x1.toType(DataType.FLOAT16, false), w16).head().toType(DataType.FLOAT32, false));
            double[] prefill = race(() -> Linear.linear(xT.toType(DataType.FLOAT16, false), w16).head()
                    .toType(DataType.FLOAT32, false), () -> widened(xT, w16));
            double d32 = decode[0];
            double d16 = decode[1];
            double p16 = prefill[0];
            double pWide = prefill[1];
            ComputeDType weights = d16 < d32 ? ComputeDType.F16 : ComputeDType.F32;
            boolean widen = pWide <= p16;
            String reason = String.format(Locale.ROOT, "measured: decode-shaped %d×%d product f16 %.2f ms, f32 %.2f ms"
                            + " → %s weights (%.1f× faster)%s", rows, cols, d16, d32, weights.label(),
                    Math.max(d16, d32) / Math.min(d16, d32), weights == ComputeDType.F32 ? ""
                            : String.format(Locale.ROOT, "; %d-token prefill %s (%.1f ms vs %.1f ms)", PREFILL_ROWS,
                            widen ? "widens f16 to f32" : "stays f16", Math.min(pWide, p16), Math.max(pWide, p16)));
            return new Verdict(weights, widen, reason, Math.max(d16, d32) / Math.min(d16, d32));
        }
    }

    /** The same block-wise widening the engine does for a prompt with f16 weights. */
    private static NDArray widened(NDArray x, NDArray w) {
        long rows = w.getShape().get(0);
        NDList outs = new NDList();
        for (long r = 0; r < rows; r += Qwen2Model.WIDEN_BLOCK_ROWS) {
            try (NDArray block = w.get(new NDIndex().addSliceDim(r, Math.min(rows, r + Qwen2Model.WIDEN_BLOCK_ROWS)));
                 NDArray block32 = block.toType(DataType.FLOAT32, false)) {
                outs.add(Linear.linear(x, block32).head());
            }
        }
        NDArray out = NDArrays.concat(outs, 1);
        outs.close();
        return out;
    }

    /**
     * The best time in ms of each of two operations, run alternately {@value #REPEATS} times after a warm-up of
     * each, so that a busy machine slows both alike; each result is freed at once.
     */
    private static double[] race(Supplier<NDArray> a, Supplier<NDArray> b) {
        a.get().close();
        b.get().close();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int i = 0; i < REPEATS; i++) {
            best[0] = Math.min(best[0], timeMs(a));
            best[1] = Math.min(best[1], timeMs(b));
        }
        return best;
    }

    private static double timeMs(Supplier<NDArray> op) {
        long t0 = System.nanoTime();
        try (NDArray r = op.get()) {
            r.getFloat(0, 0); // waits for the result (every product here is 2-D f32)
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String key(long rows, long cols, int threads) {
        String cpu = cpuName();
        // "probe 2": verdicts of the first probe, which ran beside the tokenizer's parse, are measured again
        return String.join("|", "probe 2", cpu, Runtime.getRuntime().availableProcessors() + " cpus",
                threads + " threads", "pytorch " + Engine.getEngine("PyTorch").getVersion(),
                System.getProperty("os.arch"), rows + "x" + cols);
    }

    private static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String id = System.getenv("PROCESSOR_IDENTIFIER");
        return id != null ? id : System.getProperty("os.name");
    }

    /** The verdicts' file: {@code -Dworkbench.cache}, else {@code $XDG_CACHE_HOME/qwen-workbench}, else ~/.cache. */
    static Path cacheFile() {
        String dir = System.getProperty(CACHE_PROPERTY);
        if (dir == null || dir.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            dir = xdg != null && !xdg.isBlank() ? Path.of(xdg, "qwen-workbench").toString()
                    : Path.of(System.getProperty("user.home"), ".cache", "qwen-workbench").toString();
        }
        return Path.of(dir, FILE);
    }

    private static Verdict read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            JsonNode v = JSON.readTree(file.toFile()).path(key);
            if (!v.isObject()) {
                return null;
            }
            return new Verdict(ComputeDType.parse(v.path("weights").asText()), v.path("widen_prefill").asBoolean(true),
                    v.path("reason").asText());
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: unreadable ({}); probing again", file, e.toString());
            return null;
        }
    }

    private static synchronized void write(Path file, String key, Verdict v) {
        try {
            ObjectNode all = Files.isRegularFile(file) && JSON.readTree(file.toFile()) instanceof ObjectNode o
                    ? o : JSON.createObjectNode();
            ObjectNode e = all.putObject(key);
            e.put("weights", v.weights().label());
            e.put("widen_prefill", v.widenPrefill());
            e.put("reason", v.reason());
            e.put("measured_at", java.time.Instant.now().toString());
            FileTrees.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot remember the precision verdict ({}); the next load probes again", file,
                    e.getMessage());
        }
    }
}
