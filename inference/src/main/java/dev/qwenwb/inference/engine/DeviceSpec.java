package dev.qwenwb.inference.engine;

import java.util.Locale;

/**
 * A device as the user names it: {@code auto}, {@code cpu}, {@code gpu[:N]} (the N-th GPU of whatever backend
 * runs the model), or a backend's own name: {@code cuda[:N]}, {@code vulkan[:N]}, {@code metal}. The DJL engine
 * knows {@code cuda} only ({@code gpu} means CUDA there); the GGUF engine knows all of them (llama.cpp's backends,
 * {@code dev.qwenwb.inference.llamacpp.GpuPlacement}).
 *
 * @param kind  "auto", "cpu", "gpu", "cuda", "vulkan" or "metal"
 * @param index the device index within that kind (0 unless given)
 */
public record DeviceSpec(String kind, int index) {

    /** The accepted forms, as error messages name them. */
    public static final String FORMS = "auto, cpu, gpu, gpu:N, cuda:N, vulkan:N or metal";

    /** Parses the command-line form; throws with the accepted forms on anything else. */
    public static DeviceSpec parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto") || v.equals("cpu") || v.equals("cuda") || v.equals("gpu") || v.equals("vulkan")
                || v.equals("metal")) {
            return new DeviceSpec(v, 0);
        }
        int colon = v.indexOf(':');
        String kind = colon < 0 ? "" : v.substring(0, colon);
        if (kind.equals("cuda") || kind.equals("gpu") || kind.equals("vulkan") || kind.equals("metal")) {
            try {
                int n = Integer.parseInt(v.substring(colon + 1));
                if (n >= 0) {
                    return new DeviceSpec(kind, n);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "': expected " + FORMS);
    }

    public static DeviceSpec auto() {
        return new DeviceSpec("auto", 0);
    }

    /** @return whether a GPU is asked for by name (not auto, not cpu) */
    public boolean namesGpu() {
        return !kind.equals("auto") && !kind.equals("cpu");
    }

    @Override
    public String toString() {
        return index == 0 ? kind : kind + ":" + index;
    }
}
