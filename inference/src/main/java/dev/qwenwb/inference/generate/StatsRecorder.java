package dev.qwenwb.inference.generate;

import java.util.Arrays;

/**
 * The one place a generation's timings become {@link LiveStats} and {@link GenerationStats}, for every engine: the
 * decode loop of the local engines, the remote client and the tests' scripted generators. Times are taken with
 * {@link System#nanoTime()}; the clock starts when the generation starts running (time spent queued is not in it).
 *
 * <p>Definitions: the first token's latency is the time to first token (start → first token); each later one is the
 * time since the token before; decode tokens/s is (tokens − 1) / (last token − first token); prefill tokens/s is the
 * prompt tokens actually run / (start → end of prefill). Not thread-safe: one instance per generation.
 */
public final class StatsRecorder {

    private final long start;
    private long prefillEnd;
    private long first;
    private long last;
    private double[] latencies = new double[64]; // ms per token, grows as tokens come: nothing sized by a request
    private int tokens;

    /** Starts the clock now. */
    public StatsRecorder() {
        this(System.nanoTime());
    }

    /** @param startNanos when the generation started ({@link System#nanoTime()}) */
    public StatsRecorder(long startNanos) {
        this.start = startNanos;
        this.last = startNanos;
    }

    /** Marks the end of the prompt's prefill (now). */
    public void prefilled() {
        prefilled(System.nanoTime());
    }

    /** Marks the end of the prompt's prefill at {@code now} ({@link System#nanoTime()}, or a scripted clock). */
    public void prefilled(long now) {
        prefillEnd = now;
    }

    /** Records a token (or, for a remote endpoint, a text delta) produced now. */
    public void token() {
        token(System.nanoTime());
    }

    /** Records a token produced at {@code now} ({@link System#nanoTime()}). */
    public void token(long now) {
        if (tokens == latencies.length) {
            latencies = Arrays.copyOf(latencies, tokens * 2);
        }
        latencies[tokens++] = (now - last) / 1e6;
        last = now;
        if (tokens == 1) {
            first = now;
        }
    }

    /** @return tokens recorded so far */
    public int tokens() {
        return tokens;
    }

    /** @return what has been measured up to the last token */
    public LiveStats live(int promptTokens, int cachedPromptTokens) {
        return new LiveStats(promptTokens, cachedPromptTokens, tokens, tokens > 0 ? (first - start) / 1e6 : -1,
                tokens > 1 && last > first ? (tokens - 1) / ((last - first) / 1e9) : 0, (last - start) / 1e6);
    }

    /**
     * The finished generation's figures, for an engine that counts its own tokens.
     *
     * @param loadMs       the model's load time
     * @param promptTokens tokens in the prompt
     * @param cached       of those, served from the cache (the rest were prefilled)
     * @param peakRssMb    the process's peak resident memory (-1 unknown)
     * @param gpuMemoryMb  device memory in use (-1 on the CPU)
     */
    public GenerationStats finish(long loadMs, int promptTokens, int cached, long peakRssMb, long gpuMemoryMb) {
        return finish(System.nanoTime(), loadMs, promptTokens, cached, peakRssMb, gpuMemoryMb);
    }

    /** {@link #finish(long, int, int, long, long)} ending at {@code end} (a scripted clock's time). */
    public GenerationStats finish(long end, long loadMs, int promptTokens, int cached, long peakRssMb,
                                  long gpuMemoryMb) {
        double[] lat = Arrays.copyOf(latencies, tokens);
        double decode = tokens > 1 && last > first ? (tokens - 1) / ((last - first) / 1e9) : 0;
        double prefill = prefillEnd > start ? (promptTokens - cached) / ((prefillEnd - start) / 1e9) : 0;
        return new GenerationStats(loadMs, promptTokens, cached, tokens > 0 ? lat[0] : (end - start) / 1e6, prefill,
                lat, decode, (end - start) / 1e6, peakRssMb, gpuMemoryMb);
    }

    /**
     * The finished generation's figures where the recorded events are text deltas and the token count may come from
     * elsewhere (a remote endpoint's {@code usage}); the prefill is taken to end at the first delta.
     *
     * @param loadMs       the model's load time
     * @param promptTokens tokens in the prompt (-1 unknown)
     * @param cached       of those, served from the server's cache
     * @param generated    tokens generated as counted by the server, or -1 to count the deltas
     * @param finishNanos  when the server said it finished ({@link System#nanoTime()}), 0 = at the last delta
     */
    public GenerationStats finishDeltas(long loadMs, int promptTokens, int cached, int generated, long finishNanos) {
        long end = System.nanoTime();
        double[] lat = Arrays.copyOf(latencies, tokens);
        boolean counted = generated >= 0;
        int n = counted ? generated : tokens;
        long until = finishNanos > 0 && counted ? finishNanos : last;
        double span = (until - first) / 1e9;
        double decode = tokens > 0 && n > 1 && span > 0 ? (n - 1) / span : 0;
        double ttft = tokens > 0 ? lat[0] : (end - start) / 1e6;
        double prefill = promptTokens > 0 && tokens > 0 ? (promptTokens - cached) / (ttft / 1000) : Double.NaN;
        return new GenerationStats(loadMs, promptTokens, cached, ttft, prefill, lat, decode, (end - start) / 1e6, -1,
                -1);
    }
}
