package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.app.Main;
import dev.qwenwb.app.ui.model.EngineGenerator;
import dev.qwenwb.app.ui.model.ModelDescription;
import dev.qwenwb.inference.engine.EngineOptions;
import dev.qwenwb.inference.generate.llamacpp.GgufModel;
import dev.qwenwb.inference.gguf.GgmlType;
import dev.qwenwb.inference.testing.TinyGgufs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GGUF engine's device choice, each case in its own process (llama.cpp's libraries load once per process, and
 * which set loads is part of what is tested): on Mesa's lavapipe, a software Vulkan device llama.cpp uses when
 * {@code GGML_VK_VISIBLE_DEVICES=0} (Debian: {@code mesa-vulkan-drivers libvulkan1}; CI installs them and sets
 * {@code WORKBENCH_REQUIRE_VULKAN=1}, elsewhere the lavapipe cases are skipped), with no GPU visible, and with a
 * Vulkan loader that cannot load. The machine must have no real GPU for the "no GPU" cases (they are skipped on one).
 */
class GpuDeviceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROMPT = {"--ids", "9707,11,1879,0,576,374", "--greedy", "--max-tokens", "16",
        "--json"};
    private static Path gguf;
    private static JsonNode cpu;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void cpuRun() throws Exception {
        gguf = TinyGgufs.tiny(GgmlType.F32);
        Result r = workbench(Map.of(), "generate", "--model", gguf.toString(), "--device", "cpu");
        assertThat(r.exit).as(r.err).isZero();
        cpu = JSON.readTree(r.out);
    }

    @Test
    void cpuIsReportedAsTheCpuWithTheReason() {
        JsonNode m = cpu.get("model");
        assertThat(m.get("device").asText()).isEqualTo("cpu");
        assertThat(m.get("backend").asText()).isEqualTo("cpu");
        assertThat(m.get("gpu_layers").asInt()).isZero();
        assertThat(m.get("device_memory_mb").asLong()).isEqualTo(-1);
        assertThat(m.get("device_reason").asText()).contains("device cpu");
        assertThat(cpu.get("stats").has("gpu_memory_mb")).isFalse(); // unchanged: only where a GPU is used
        assertThat(cpu.get("token_ids").size()).isGreaterThan(0);
    }

    @Test
    void lavapipeGivesTheCpuGreedyIdsAndReportsDeviceLayersAndMemory() throws Exception {
        assumeLavapipe();
        Result r = workbench(Map.of("GGML_VK_VISIBLE_DEVICES", "0"), "generate", "--model", gguf.toString(),
                "--device", "gpu");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode o = JSON.readTree(r.out);
        assertThat(o.get("token_ids")).isEqualTo(cpu.get("token_ids"));
        JsonNode m = o.get("model");
        assertThat(m.get("device").asText()).isEqualTo("Vulkan0");
        assertThat(m.get("device_name").asText()).contains("llvmpipe");
        assertThat(m.get("backend").asText()).isEqualTo("vulkan");
        assertThat(m.get("gpu_layers").asInt()).isEqualTo(2).isEqualTo(m.get("layers").asInt());
        // llama.cpp's buffers on the device: the layers, the KV cache, the compute buffer (the token embedding stays
        // in host memory, as llama.cpp keeps the input layer); the whole f32 model is ~40 MiB
        assertThat(m.get("device_memory_mb").asLong()).isBetween(1L, 200L);
        assertThat(o.get("stats").get("gpu_memory_mb").asLong()).isEqualTo(m.get("device_memory_mb").asLong());
    }

    @Test
    void autoTakesLavapipeWhenItIsVisibleAndAGpuLayerCountIsKept() throws Exception {
        assumeLavapipe();
        Result r = workbench(Map.of("GGML_VK_VISIBLE_DEVICES", "0"), "generate", "--model", gguf.toString(),
                "--device", "auto", "--gpu-layers", "1");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode m = JSON.readTree(r.out).get("model");
        assertThat(m.get("device").asText()).isEqualTo("Vulkan0");
        assertThat(m.get("gpu_layers").asInt()).isEqualTo(1);
        assertThat(m.get("device_reason").asText()).startsWith("auto: the first GPU");
        assertThat(JSON.readTree(r.out).get("token_ids")).isEqualTo(cpu.get("token_ids"));
    }

    @Test
    void aNamedGpuThatIsNotThereIsOneLineNamingTheFlagAndTheDevices() throws Exception {
        assumeNoRealGpu();
        Result r = workbench(Map.of(), "generate", "--model", gguf.toString(), "--device", "gpu");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err.strip()).doesNotContain("\n")
                .startsWith("error: --device gpu: no such device; devices llama.cpp sees: CPU (");
        Result v = workbench(Map.of(), "generate", "--model", gguf.toString(), "--device", "vulkan:3");
        assertThat(v.exit).isEqualTo(2);
        assertThat(v.err.strip()).doesNotContain("\n").startsWith("error: --device vulkan:3: no such device");
    }

    @Test
    void autoWithoutAGpuRunsOnTheCpuSetAndSaysWhy() throws Exception {
        assumeNoRealGpu();
        Result r = workbench(Map.of(), "generate", "--model", gguf.toString(), "--device", "auto");
        assertThat(r.exit).as(r.err).isZero();
        JsonNode o = JSON.readTree(r.out);
        assertThat(o.get("token_ids")).isEqualTo(cpu.get("token_ids"));
        JsonNode m = o.get("model");
        assertThat(m.get("device").asText()).isEqualTo("cpu");
        assertThat(m.get("backend").asText()).isEqualTo("cpu");
        assertThat(m.get("device_reason").asText()).startsWith("auto: no GPU (");
    }

    @Test
    void withAVulkanLoaderThatCannotLoadTheCpuStillRunsAndAGpuIsRefused() throws Exception {
        assumeNoRealGpu();
        // an unloadable libvulkan.so.1 first on the library path: libggml-vulkan cannot load, exactly as on a
        // machine without libvulkan1 (its NEEDED library is missing); llama.cpp skips that backend
        Path fake = Files.createDirectories(tmp.resolve("no-vulkan"));
        Files.writeString(fake.resolve("libvulkan.so.1"), "not a library");
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", fake.toString(), "GGML_VK_VISIBLE_DEVICES", "0");
        Result auto = workbench(env, "generate", "--model", gguf.toString(), "--device", "auto");
        assertThat(auto.exit).as(auto.err).isZero();
        JsonNode o = JSON.readTree(auto.out);
        assertThat(o.get("token_ids")).isEqualTo(cpu.get("token_ids"));
        assertThat(o.get("model").get("device").asText()).isEqualTo("cpu");
        assertThat(o.get("model").get("device_reason").asText()).contains("vulkan backend did not load");
        Result gpu = workbench(env, "generate", "--model", gguf.toString(), "--device", "gpu");
        assertThat(gpu.exit).isEqualTo(2);
        assertThat(gpu.err.strip()).doesNotContain("\n").startsWith("error: --device gpu: no such device");
    }

    @Test
    void theWindowsStatusBarNamesTheDeviceAndSaysWhy() {
        assumeNoRealGpu();
        try (EngineGenerator g = new EngineGenerator(GgufModel.load(gguf, EngineOptions.defaults()), "")) {
            ModelDescription d = g.description();
            assertThat(d.device()).isEqualTo("cpu");
            assertThat(d.deviceReason()).startsWith("cpu — auto: no GPU (");
        }
    }

    private static void assumeLavapipe() {
        boolean there = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libvulkan.so.1")) && lavapipeIcd();
        if (System.getenv("WORKBENCH_REQUIRE_VULKAN") != null) {
            assertThat(there).as("WORKBENCH_REQUIRE_VULKAN is set: install mesa-vulkan-drivers libvulkan1").isTrue();
        }
        assumeTrue(there, "no lavapipe here (Debian: apt install mesa-vulkan-drivers libvulkan1)");
    }

    private static boolean lavapipeIcd() {
        try (Stream<Path> icds = Files.list(Path.of("/usr/share/vulkan/icd.d"))) {
            return icds.anyMatch(p -> p.getFileName().toString().startsWith("lvp_icd"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void assumeNoRealGpu() {
        boolean gpu = Files.exists(Path.of("/dev/dri")) || Files.exists(Path.of("/dev/nvidia0"))
                || Files.exists(Path.of("/dev/dxg"));
        assumeTrue(!gpu, "this machine has a GPU device node: the no-GPU cases do not apply");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux paths");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result workbench(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of(PROMPT));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("GGML_VK_VISIBLE_DEVICES");
        pb.environment().putAll(env);
        pb.environment().put("DJL_OFFLINE", "true");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) { // lavapipe compiles its shaders on the first generation (~20 s)
            p.destroyForcibly();
            throw new AssertionError("workbench " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8).lines().filter(l -> !l.contains(" INFO ")
                        && !l.contains(" DEBUG ")).reduce("", (a, b) -> a + b + "\n"));
    }
}
