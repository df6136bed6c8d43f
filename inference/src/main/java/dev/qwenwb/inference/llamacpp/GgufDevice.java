package dev.qwenwb.inference.llamacpp;

import java.util.Locale;

/**
 * One device llama.cpp's backends see (ggml's backend registry).
 *
 * @param name        ggml's name: {@code CPU}, {@code Vulkan0}, {@code CUDA0}, {@code MTL0}
 * @param description e.g. {@code NVIDIA GeForce RTX 4090}, {@code llvmpipe (LLVM 15.0.6, 256 bits)}
 * @param backend     the backend's name: {@code CPU}, {@code Vulkan}, {@code CUDA}, {@code Metal}
 * @param type        {@code enum ggml_backend_dev_type}: 0 CPU, 1 GPU, 2 integrated GPU, 3 accelerator
 * @param freeBytes   free memory as the backend reports it
 * @param totalBytes  total memory as the backend reports it
 */
public record GgufDevice(String name, String description, String backend, int type, long freeBytes,
                         long totalBytes) {

    /** @return whether layers can be offloaded to it (a discrete or integrated GPU) */
    public boolean isGpu() {
        return type == 1 || type == 2;
    }

    /** @return e.g. "Vulkan0 (llvmpipe (LLVM 15.0.6, 256 bits), 2048 MB free of 4096 MB)" */
    public String describe() {
        return name + " (" + description + (isGpu() ? String.format(Locale.ROOT, ", %d MB free of %d MB",
                freeBytes >> 20, totalBytes >> 20) : "") + ")";
    }

    /** One line of {@link GpuProbe}'s output: tab-separated fields, tabs in names replaced. */
    String toLine() {
        return String.join("\t", "device", clean(name), clean(description), clean(backend), Integer.toString(type),
                Long.toString(freeBytes), Long.toString(totalBytes));
    }

    /** @return the device of a {@link #toLine()} line, or null for any other line */
    static GgufDevice fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7 || !f[0].equals("device")) {
            return null;
        }
        try {
            return new GgufDevice(f[1], f[2], f[3], Integer.parseInt(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }
}
