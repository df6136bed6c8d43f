package dev.qwenwb.inference.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.inference.testing.RequiresLlamaCpp;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Where llama.cpp's libraries come from and which CPU backend ggml picked. */
class LlamaNativesTest {

    @Test
    void libraryNamesOfEveryPlatformAreRecognised() {
        assertThat(LlamaNatives.matches("libllama.v0.4.0.so", "llama")).isTrue();
        assertThat(LlamaNatives.matches("libllama.so", "llama")).isTrue();
        assertThat(LlamaNatives.matches("libllama.dylib", "llama")).isTrue();
        assertThat(LlamaNatives.matches("llama.dll", "llama")).isTrue();
        assertThat(LlamaNatives.matches("libggml.v0.4.0.so", "ggml")).isTrue();
        // the GPU set's own names (node-llama-cpp's Vulkan build)
        assertThat(LlamaNatives.matches("libllama.vulkan.v0.4.0.so", "llama")).isTrue();
        assertThat(LlamaNatives.matches("libggml.vulkan.v0.4.0.so", "ggml")).isTrue();
        assertThat(LlamaNatives.matches("libggml-vulkan.so", "ggml")).isFalse();
        assertThat(LlamaNatives.matches("libggml-base.so", "ggml")).isFalse();
        assertThat(LlamaNatives.matches("libggml-base.so", "ggml-base")).isTrue();
        assertThat(LlamaNatives.matches("libllama-common.so", "llama")).isFalse();
        assertThat(LlamaNatives.matches("llama-addon.node", "llama")).isFalse();
    }

    @Test
    @RequiresLlamaCpp
    void theBundledBuildIsNodeLlamaCppsWithOneCpuBackendPerIsaLevel() throws Exception {
        LlamaNatives n = LlamaNatives.get();
        assertThat(n.packageName()).startsWith("@node-llama-cpp/").endsWith("@3.21.1");
        assertThat(n.release()).isEqualTo("llama.cpp v0.4.0");
        assertThat(n.llama().llama_version()).startsWith("0.4.0");
        try (var files = Files.list(n.dir())) {
            assertThat(files.filter(f -> f.getFileName().toString().contains("ggml-cpu-")).count())
                    .isGreaterThan(1);
        }
        assertThat(n.cpuBackend()).isNotEqualTo("?"); // the variant ggml chose for this CPU, e.g. haswell
        assertThat(n.systemInfo()).contains("CPU");
        assertThat(n.ggml().ggml_backend_dev_count()).isPositive();
    }
}
