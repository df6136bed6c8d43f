package dev.qwenwb.inference.engine;

import dev.qwenwb.inference.hub.ByteSizes;
import dev.qwenwb.inference.model.ModelConfig;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The context a model is opened with when it is asked for its own ({@link EngineOptions#MODEL_CONTEXT}, what
 * {@code serve} does): the model's own where the memory holds that many caches, else lowered until the caches take at
 * most half of the memory available once the weights are in (the other half is left to the engine's working buffers,
 * the rest of the process and the other programs), in steps of {@value #STEP} tokens, never below the ordinary
 * default min({@value EngineOptions#DEFAULT_CONTEXT}, the model's).
 *
 * @param context the context to open with
 * @param wanted  the model's own
 * @param reason  empty when not lowered; else one line saying why, with the figures and the flags that change it
 */
public record ContextFit(int context, int wanted, String reason) {

    /** Lowered contexts are multiples of this. */
    public static final int STEP = 1024;

    /** @return whether the context is below the model's own */
    public boolean lowered() {
        return context < wanted;
    }

    /**
     * Bytes of keys and values one token takes in the cache, over every layer.
     *
     * @param bytesPerValue 4 for an f32 cache (the DJL engine), 2 for f16 (llama.cpp's default)
     */
    public static long kvBytesPerToken(ModelConfig config, int bytesPerValue) {
        return 2L * config.numHiddenLayers() * config.numKeyValueHeads() * config.headDim() * bytesPerValue;
    }

    /**
     * The context to open with: {@code context} as it is unless the options ask for the model's own
     * ({@link EngineOptions#MODEL_CONTEXT}), then {@link #fit} for {@link EngineOptions#sequences()} caches.
     *
     * @param context   the context the options resolve to (the model's own for {@code MODEL_CONTEXT})
     * @param available memory available once the weights are in (read only when needed), -1 where unknown
     */
    public static ContextFit of(EngineOptions options, int context, long kvBytesPerToken, LongSupplier available,
                                String where) {
        if (options.contextLength() != EngineOptions.MODEL_CONTEXT) {
            return new ContextFit(context, context, "");
        }
        return fit(context, options.sequences(), kvBytesPerToken, available.getAsLong(), where);
    }

    /**
     * @param wanted          the model's own context
     * @param sequences       caches that will be open together (each of the context)
     * @param kvBytesPerToken see {@link #kvBytesPerToken}
     * @param availableBytes  memory available once the weights are in, -1 where unknown (nothing is lowered)
     * @param where           what that memory is, for the reason: e.g. {@code RAM} or {@code Vulkan0}
     */
    public static ContextFit fit(int wanted, int sequences, long kvBytesPerToken, long availableBytes, String where) {
        if (availableBytes < 0 || kvBytesPerToken <= 0) {
            return new ContextFit(wanted, wanted, "");
        }
        long budget = availableBytes / 2;
        long fits = budget / ((long) sequences * kvBytesPerToken);
        if (fits >= wanted) {
            return new ContextFit(wanted, wanted, "");
        }
        int floor = Math.min(EngineOptions.DEFAULT_CONTEXT, wanted);
        int context = (int) Math.max(floor, fits / STEP * STEP);
        if (context >= wanted) {
            return new ContextFit(wanted, wanted, "");
        }
        String caches = sequences == 1 ? "one cache" : sequences + " caches";
        String why = String.format(Locale.ROOT, "context lowered from the model's %d to %d tokens: %s of %d tokens "
                        + "would take %s (%s a token) and half of the %s of %s available once the weights are in is %s",
                wanted, context, caches, wanted, ByteSizes.human((long) sequences * wanted * kvBytesPerToken),
                ByteSizes.human(kvBytesPerToken), ByteSizes.human(availableBytes), where, ByteSizes.human(budget));
        if (fits < floor) {
            why += String.format(Locale.ROOT, "; %d tokens is the least it is lowered to, and may not fit", floor);
        }
        return new ContextFit(context, wanted, why + "; --context N sets it"
                + (sequences > 1 ? ", fewer --parallel take less" : ""));
    }
}
