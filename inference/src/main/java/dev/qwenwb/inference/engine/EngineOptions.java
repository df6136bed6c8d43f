package dev.qwenwb.inference.engine;

/**
 * How to run a model.
 *
 * @param device        where to run
 * @param dtype         weight precision; {@code null} picks the default for the device (f32 on CPU, f16 on CUDA)
 * @param contextLength KV-cache capacity in tokens; 0 means min(4096, max_position_embeddings)
 * @param threads       intra-op threads for the CPU; 0 leaves PyTorch's default
 */
public record EngineOptions(DeviceSpec device, ComputeDType dtype, int contextLength, int threads) {

    public static final int DEFAULT_CONTEXT = 4096;

    public static EngineOptions defaults() {
        return new EngineOptions(DeviceSpec.auto(), null, 0, 0);
    }

    public EngineOptions withDevice(DeviceSpec d) {
        return new EngineOptions(d, dtype, contextLength, threads);
    }

    public EngineOptions withDtype(ComputeDType t) {
        return new EngineOptions(device, t, contextLength, threads);
    }

    public EngineOptions withContextLength(int n) {
        return new EngineOptions(device, dtype, n, threads);
    }

    public EngineOptions withThreads(int n) {
        return new EngineOptions(device, dtype, contextLength, n);
    }
}
