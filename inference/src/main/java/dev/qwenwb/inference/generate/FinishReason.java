package dev.qwenwb.inference.generate;

import java.util.Locale;

/** Why a generation stopped. {@link #label()} is the name used in JSON output. */
public enum FinishReason {
    /** The model produced one of its end-of-sequence tokens. */
    EOS,
    /** The text reached one of the caller's stop strings (cut before it). */
    STOP_STRING,
    /** The requested number of new tokens was produced. */
    MAX_TOKENS,
    /** The KV cache (context window) is full. */
    CONTEXT_LIMIT,
    /** The caller cancelled between tokens. */
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
