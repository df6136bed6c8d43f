package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The speed and memory figures the review article (shared/seeds, Chinese) claims for Qwen2.5-0.5B-Instruct,
 * "FP16 on a consumer GPU": start-up under 15 s, ~80 ms to the first response for a 50-token prompt,
 * ~120 tokens/s, ~6.2 GB of memory.
 */
final class ArticleClaims {

    static final double LOAD_S_MAX = 15;
    static final double TTFT_MS = 80;
    static final double DECODE_TOKENS_PER_S = 120;
    static final double MEMORY_GB = 6.2;

    private ArticleClaims() {
    }

    static ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("load_s_max", LOAD_S_MAX);
        o.put("ttft_ms", TTFT_MS);
        o.put("decode_tokens_per_s", DECODE_TOKENS_PER_S);
        o.put("memory_gb", MEMORY_GB);
        o.put("setting", "FP16, consumer GPU, 50-token prompt");
        return o;
    }
}
