package dev.qwenwb.app.ui.model;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import java.util.List;

/**
 * How the window runs models (saved with the app settings, applied on the next load).
 *
 * @param dtype         "auto" (default: on a CPU the faster of f16 and f32, measured once per machine; f16 on CUDA),
 *                      "f16", "f32" or "bf16" (CUDA only)
 * @param device        "auto" (default), "cpu", "cuda" or "cuda:N"
 * @param contextLength KV-cache capacity in tokens; capped by the model's max_position_embeddings when loading
 * @param threads       CPU threads; 0 leaves the engine's default
 */
public record EngineSettings(String dtype, String device, int contextLength, int threads) {

    /** The system property that overrides {@link #dtype} (README: {@code -Dworkbench.dtype=f32}). */
    public static final String DTYPE_PROPERTY = "workbench.dtype";
    /** The precision the probe picks. */
    public static final String AUTO = "auto";
    /** The context lengths the window offers. */
    public static final List<Integer> CONTEXT_CHOICES = List.of(2048, 4096, 8192, 16384, 32768);

    /** Unknown or missing values fall back to the defaults. */
    public EngineSettings {
        dtype = valid(dtype, ComputeDType::parse) ? ComputeDType.parse(dtype).label() : AUTO;
        device = valid(device, DeviceSpec::parse) ? DeviceSpec.parse(device).toString() : "auto";
        contextLength = contextLength > 0 ? contextLength : EngineOptions.DEFAULT_CONTEXT;
        threads = Math.max(0, threads);
    }

    /** Auto precision, auto device, 4096 tokens, automatic threads. */
    public static EngineSettings defaults() {
        return new EngineSettings(AUTO, "auto", EngineOptions.DEFAULT_CONTEXT, 0);
    }

    /** The engine options, with {@code -Dworkbench.dtype} overriding the dtype when set. */
    public EngineOptions toOptions() {
        return toOptions(System.getProperty(DTYPE_PROPERTY));
    }

    /** The engine options; {@code dtypeOverride} (null or blank for none) wins over {@link #dtype}. */
    public EngineOptions toOptions(String dtypeOverride) {
        String d = dtypeOverride == null || dtypeOverride.isBlank() ? dtype : dtypeOverride;
        return EngineOptions.parse(device, d, contextLength, threads,
                key -> key.equals("dtype") && d.equals(dtypeOverride) ? "-D" + DTYPE_PROPERTY : key);
    }

    public EngineSettings withDtype(String d) {
        return new EngineSettings(d, device, contextLength, threads);
    }

    private static boolean valid(String s, java.util.function.Function<String, ?> parse) {
        if (s == null) {
            return false;
        }
        try {
            parse.apply(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
