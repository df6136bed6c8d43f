package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.DevicePlacement;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import java.util.Locale;

/** The stats of one generation, as JSON fields and as a one-line summary. */
final class StatsLine {

    private StatsLine() {
    }

    static ObjectNode json(GenerationStats s) {
        ObjectNode o = Json.object();
        o.put("load_ms", s.loadMs());
        o.put("prompt_tokens", s.promptTokens());
        o.put("cached_prompt_tokens", s.cachedPromptTokens());
        o.put("generated_tokens", s.generatedTokens());
        o.put("ttft_ms", Json.round(s.ttftMs()));
        o.put("prefill_tokens_per_s", Json.round(s.prefillTokensPerS()));
        o.put("decode_tokens_per_s", Json.round(s.decodeTokensPerS()));
        o.put("total_ms", Json.round(s.totalMs()));
        o.put("peak_rss_mb", s.peakRssMb());
        if (s.gpuMemoryMb() >= 0) {
            o.put("gpu_memory_mb", s.gpuMemoryMb());
        }
        ArrayNode lat = o.putArray("token_latencies_ms");
        for (double v : s.tokenLatenciesMs()) {
            lat.add(Json.round(v));
        }
        return o;
    }

    /**
     * Where the model ran, beside the existing {@code device} field: {@code device_name}, {@code backend},
     * {@code gpu_layers} of {@code layers}, {@code device_memory_mb} (-1 on the CPU) and {@code device_reason}.
     */
    static void placement(ObjectNode o, DevicePlacement p) {
        o.put("device_name", p.deviceName());
        o.put("backend", p.backend());
        o.put("gpu_layers", p.gpuLayers());
        o.put("layers", p.layers());
        o.put("device_memory_mb", p.deviceMemoryMb());
        o.put("device_reason", p.reason());
    }

    static String of(GenerationResult r) {
        GenerationStats s = r.stats();
        return String.format(Locale.ROOT,
                "[%s] load %d ms · prompt %d tokens · first token %.0f ms · %d tokens at %.1f tokens/s · peak RSS %d MB",
                r.finishReason().label(), s.loadMs(), s.promptTokens(), s.ttftMs(), s.generatedTokens(),
                s.decodeTokensPerS(), s.peakRssMb());
    }

}
