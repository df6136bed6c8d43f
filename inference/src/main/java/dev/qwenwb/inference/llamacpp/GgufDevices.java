package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import java.util.ArrayList;
import java.util.List;

/** The devices of the loaded llama.cpp backends, in ggml's order (GPUs before the CPU). */
public final class GgufDevices {

    private GgufDevices() {
    }

    /** @return every device the loaded libraries' backends see */
    public static List<GgufDevice> list(GgmlLibrary ggml) {
        List<GgufDevice> out = new ArrayList<>();
        long n = ggml.ggml_backend_dev_count();
        for (long i = 0; i < n; i++) {
            out.add(device(ggml, ggml.ggml_backend_dev_get(i)));
        }
        return out;
    }

    /** @return the device behind a ggml device handle */
    static GgufDevice device(GgmlLibrary ggml, Pointer dev) {
        LongByReference free = new LongByReference();
        LongByReference total = new LongByReference();
        ggml.ggml_backend_dev_memory(dev, free, total);
        Pointer reg = ggml.ggml_backend_dev_backend_reg(dev);
        return new GgufDevice(ggml.ggml_backend_dev_name(dev), ggml.ggml_backend_dev_description(dev),
                reg == null ? "?" : ggml.ggml_backend_reg_name(reg), ggml.ggml_backend_dev_type(dev),
                free.getValue(), total.getValue());
    }

    /** @return the handle of the device named {@code name}, null if none */
    static Pointer handle(GgmlLibrary ggml, String name) {
        long n = ggml.ggml_backend_dev_count();
        for (long i = 0; i < n; i++) {
            Pointer dev = ggml.ggml_backend_dev_get(i);
            if (name.equals(ggml.ggml_backend_dev_name(dev))) {
                return dev;
            }
        }
        return null;
    }

    /** @return the GPUs among {@code devices} */
    public static List<GgufDevice> gpus(List<GgufDevice> devices) {
        return devices.stream().filter(GgufDevice::isGpu).toList();
    }

    /** @return e.g. "Vulkan0 (llvmpipe ...), CPU (AMD EPYC ...)", or "none" */
    public static String describe(List<GgufDevice> devices) {
        return devices.isEmpty() ? "none" : String.join(", ", devices.stream().map(GgufDevice::describe).toList());
    }
}
