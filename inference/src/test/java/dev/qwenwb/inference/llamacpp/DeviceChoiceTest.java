package dev.qwenwb.inference.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.inference.engine.DeviceSpec;
import dev.qwenwb.inference.engine.EngineOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device choice without loading anything: the forms users write, which device each names among those llama.cpp
 * reports, and how the probe child's output is read (the probe itself and the loads run in {@code GpuDeviceTest},
 * app module, one process per case).
 */
class DeviceChoiceTest {

    private static final GgufDevice CPU = new GgufDevice("CPU", "AMD EPYC", "CPU", 0, 0, 0);
    private static final GgufDevice VK0 = new GgufDevice("Vulkan0", "NVIDIA GeForce RTX 4090", "Vulkan", 1,
            20L << 30, 24L << 30);
    private static final GgufDevice VK1 = new GgufDevice("Vulkan1", "llvmpipe (LLVM 15.0.6, 256 bits)", "Vulkan", 2,
            1L << 30, 2L << 30);

    @Test
    void theFormsUsersWrite() {
        assertThat(DeviceSpec.parse("GPU")).isEqualTo(new DeviceSpec("gpu", 0));
        assertThat(DeviceSpec.parse("gpu:1")).isEqualTo(new DeviceSpec("gpu", 1));
        assertThat(DeviceSpec.parse("vulkan:0").toString()).isEqualTo("vulkan");
        assertThat(DeviceSpec.parse("vulkan:2").toString()).isEqualTo("vulkan:2");
        assertThat(DeviceSpec.parse("metal")).isEqualTo(new DeviceSpec("metal", 0));
        assertThat(DeviceSpec.parse("cuda:1").toString()).isEqualTo("cuda:1");
        assertThatThrownBy(() -> DeviceSpec.parse("gpu:-1")).hasMessageContaining("expected " + DeviceSpec.FORMS);
        assertThatThrownBy(() -> DeviceSpec.parse("opencl")).hasMessageContaining("unknown device 'opencl'");
    }

    @Test
    void gpuLayersAreAllOrACount() {
        assertThat(EngineOptions.parse(null, null, null, null, "all", k -> "--" + k).gpuLayers())
                .isEqualTo(EngineOptions.ALL_LAYERS);
        assertThat(EngineOptions.parse(null, null, null, null, "12", k -> "--" + k).gpuLayers()).isEqualTo(12);
        assertThat(EngineOptions.parse("cpu", null, null, null, null, k -> "--" + k).gpuLayers())
                .isEqualTo(EngineOptions.ALL_LAYERS);
        assertThatThrownBy(() -> EngineOptions.parse(null, null, null, null, "half", k -> "--" + k))
                .hasMessage("--gpu-layers 'half': expected all or a number of layers from 0 to 100000");
        assertThatThrownBy(() -> EngineOptions.parse(null, null, null, null, "-3", k -> "--" + k))
                .hasMessageStartingWith("--gpu-layers '-3'");
    }

    @Test
    void eachFormNamesOneGpuOrNone() {
        List<GgufDevice> gpus = GgufDevices.gpus(List.of(VK0, VK1, CPU));
        assertThat(gpus).containsExactly(VK0, VK1);
        assertThat(GpuPlacement.match(DeviceSpec.auto(), gpus)).isEqualTo(VK0);
        assertThat(GpuPlacement.match(DeviceSpec.parse("gpu"), gpus)).isEqualTo(VK0);
        assertThat(GpuPlacement.match(DeviceSpec.parse("gpu:1"), gpus)).isEqualTo(VK1);
        assertThat(GpuPlacement.match(DeviceSpec.parse("gpu:2"), gpus)).isNull();
        assertThat(GpuPlacement.match(DeviceSpec.parse("vulkan:1"), gpus)).isEqualTo(VK1);
        assertThat(GpuPlacement.match(DeviceSpec.parse("cuda:0"), gpus)).isNull();
        assertThat(GpuPlacement.match(DeviceSpec.parse("metal"), gpus)).isNull();
        assertThat(GpuPlacement.match(DeviceSpec.auto(), List.of())).isNull();
    }

    @Test
    void theProbesOutputIsReadBackWithTheReasonWhenThereIsNoGpu() {
        GpuProbe.Result found = GpuProbe.parse("vulkan", 0, List.of("backend\tCPU", "backend\tVulkan",
                VK1.toLine(), CPU.toLine()));
        assertThat(found.devices()).containsExactly(VK1, CPU);
        assertThat(found.gpus()).containsExactly(VK1);
        assertThat(found.reason()).isEmpty();
        GpuProbe.Result noBackend = GpuProbe.parse("vulkan", 0, List.of("backend\tCPU", CPU.toLine()));
        assertThat(noBackend.gpus()).isEmpty();
        assertThat(noBackend.reason()).startsWith("the vulkan backend did not load (libggml-vulkan needs");
        GpuProbe.Result noDevice = GpuProbe.parse("vulkan", 0, List.of("backend\tCPU", "backend\tVulkan",
                CPU.toLine()));
        assertThat(noDevice.reason()).startsWith("the vulkan backend sees no GPU (llama.cpp skips CPU-type");
        GpuProbe.Result crashed = GpuProbe.parse("vulkan", 134, List.of("backend\tCPU"));
        assertThat(crashed.reason()).isEqualTo("the vulkan probe failed (exit 134)");
    }

    @Test
    void aDeviceDescribesItselfWithItsMemory() {
        assertThat(VK0.describe()).isEqualTo("Vulkan0 (NVIDIA GeForce RTX 4090, 20480 MB free of 24576 MB)");
        assertThat(CPU.describe()).isEqualTo("CPU (AMD EPYC)");
        assertThat(GgufDevice.fromLine("device\ta\tb")).isNull();
    }
}
