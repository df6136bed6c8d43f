package dev.qwenwb.inference.generate;

/**
 * Where a loaded model runs, as every figure reports it ({@code generate --json}, {@code bench}, evaluation
 * results, the model info): the device, how much of the model is on it, the device memory it takes, and why it
 * was chosen.
 *
 * @param device         the engine's name for it: {@code cpu}, or e.g. {@code Vulkan0}, {@code CUDA0}, {@code MTL0}
 * @param deviceName     what it is, e.g. {@code NVIDIA GeForce RTX 4090}, {@code llvmpipe (LLVM 15.0.6, 256 bits)}
 * @param backend        the library that runs it: {@code cpu}, {@code vulkan}, {@code cuda}, {@code metal}
 * @param gpuLayers      transformer layers on the device (0 on the CPU)
 * @param layers         transformer layers of the model
 * @param deviceMemoryMb device memory the engine allocated (weights, one session's KV cache and compute buffers);
 *                       -1 on the CPU or when not known
 * @param reason         why this device, e.g. "auto: the first GPU llama.cpp found"
 */
public record DevicePlacement(String device, String deviceName, String backend, int gpuLayers, int layers,
                              long deviceMemoryMb, String reason) {

    /** @return whether any layer runs on a GPU */
    public boolean onGpu() {
        return gpuLayers > 0;
    }

    /** @return e.g. "Vulkan0 (llvmpipe ...), 24/24 layers, 1234 MB" or "cpu" */
    public String describe() {
        return onGpu() ? device + " (" + deviceName + "), " + gpuLayers + "/" + layers + " layers"
                + (deviceMemoryMb >= 0 ? ", " + deviceMemoryMb + " MB" : "") : device;
    }
}
