package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The few functions of ggml's backend registry ({@code ggml-backend.h}) needed to load the CPU backends. */
public interface GgmlLibrary extends Library {

    /**
     * Loads every backend library found in {@code dirPath}; of several variants of one backend (the
     * {@code libggml-cpu-*.so} per ISA level) the best one this CPU supports.
     */
    void ggml_backend_load_all_from_path(String dirPath);

    long ggml_backend_reg_count();

    long ggml_backend_dev_count();

    Pointer ggml_backend_dev_get(long index);

    String ggml_backend_dev_name(Pointer device);

    String ggml_backend_dev_description(Pointer device);
}
