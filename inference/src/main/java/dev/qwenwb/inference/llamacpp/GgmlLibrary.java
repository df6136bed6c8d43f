package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;

/**
 * The few functions of ggml's backend registry ({@code ggml-backend.h}) needed to load the backends (the CPU
 * variants, a GPU backend where the set has one) and list their devices.
 */
public interface GgmlLibrary extends Library {

    /**
     * Loads every backend library found in {@code dirPath}; of several variants of one backend (the
     * {@code libggml-cpu-*.so} per ISA level) the best one this CPU supports.
     */
    void ggml_backend_load_all_from_path(String dirPath);

    long ggml_backend_reg_count();

    Pointer ggml_backend_reg_get(long index);

    long ggml_backend_dev_count();

    Pointer ggml_backend_dev_get(long index);

    String ggml_backend_dev_name(Pointer device);

    String ggml_backend_dev_description(Pointer device);

    /** {@code enum ggml_backend_dev_type}: CPU 0, GPU 1, IGPU 2 (integrated, shares host memory), ACCEL 3. */
    int ggml_backend_dev_type(Pointer device);

    /** Free and total memory of the device in bytes ({@code size_t *}: 64-bit on the platforms we ship). */
    void ggml_backend_dev_memory(Pointer device, LongByReference free, LongByReference total);

    /** @return the registry (backend) the device belongs to */
    Pointer ggml_backend_dev_backend_reg(Pointer device);

    /** @return the backend's name, e.g. {@code Vulkan}, {@code CUDA}, {@code Metal}, {@code CPU} */
    String ggml_backend_reg_name(Pointer reg);
}
