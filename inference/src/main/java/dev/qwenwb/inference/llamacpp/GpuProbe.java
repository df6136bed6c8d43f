package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is there a GPU the GPU set would use? Answered without loading that set into this process (llama.cpp's
 * libraries load once per process, and a process that stays on the CPU must load exactly the CPU set):
 * <ol>
 *   <li>in Java, for free: is the backend's loader there ({@code libvulkan.so.1} / {@code vulkan-1.dll},
 *       {@code libcuda.so.1}) and, on Linux, a GPU device node ({@code /dev/dri/renderD*}, {@code /dev/nvidia*},
 *       {@code /dev/dxg})? {@code GGML_VK_VISIBLE_DEVICES} set counts as a device asked for (it is how software
 *       devices such as Mesa's lavapipe are used). If not, no GPU, with that reason, and nothing is started;</li>
 *   <li>else a child JVM ({@link GpuProbeChild}) loads the GPU set's ggml and backends and prints the devices they see:
 *       a driver that crashes or hangs takes the child down, not the app (bounded by {@value #TIMEOUT_S} s).</li>
 * </ol>
 * The answer is kept for the life of the process.
 */
public final class GpuProbe {

    /** The child's time limit (a driver's first initialisation can be slow; lavapipe's is not). */
    static final int TIMEOUT_S = 60;
    private static final Logger LOG = LoggerFactory.getLogger(GpuProbe.class);
    private static final Map<String, Result> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private GpuProbe() {
    }

    /**
     * What the probe found.
     *
     * @param devices  every device the GPU set's backends see (the CPU included), empty if not probed
     * @param backends the backends that loaded in the child, e.g. {@code [CPU, Vulkan]}
     * @param reason   why there is no GPU (empty when there is one)
     */
    public record Result(List<GgufDevice> devices, List<String> backends, String reason) {

        /** @return the GPUs found */
        public List<GgufDevice> gpus() {
            return GgufDevices.gpus(devices);
        }
    }

    /** @return the GPUs the GPU set would see here (probed once per process and set) */
    public static Result probe(LlamaBackends.LibrarySet set) {
        return CACHE.computeIfAbsent(set.folder(), k -> run(set));
    }

    private static Result run(LlamaBackends.LibrarySet set) {
        Optional<String> unlikely = noDeviceHere(set.backend());
        if (unlikely.isPresent()) {
            LOG.info("no {} device here: {}", set.backend(), unlikely.get());
            return new Result(List.of(), List.of(), unlikely.get());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", Platform.isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            return new Result(List.of(), List.of(), "not probed: no java launcher in " + java.getParent()
                    + " to run the probe (name the device, e.g. --device gpu, to use a GPU)");
        }
        long t0 = System.nanoTime();
        Path dir = LlamaNatives.locate(set);
        List<String> command = List.of(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), GpuProbeChild.class.getName(), dir.toString());
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended or was killed: what was read is what there is
                }
            }, "gpu-probe-reader");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(List.of(), List.of(), "the " + set.backend() + " probe did not answer within "
                        + TIMEOUT_S + " s (a driver hangs?)");
            }
            reader.join(5000);
            List<String> out;
            synchronized (lines) {
                out = List.copyOf(lines);
            }
            Result r = parse(set.backend(), p.exitValue(), out);
            LOG.info("{} probe in {} ms: {}{}", set.backend(), (System.nanoTime() - t0) / 1_000_000,
                    GgufDevices.describe(r.devices()), r.reason().isEmpty() ? "" : "; " + r.reason());
            return r;
        } catch (IOException e) {
            return new Result(List.of(), List.of(), "the " + set.backend() + " probe could not start: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(List.of(), List.of(), "the " + set.backend() + " probe was interrupted");
        }
    }

    /**
     * The GPU backends this build carries and the GPUs they see, in one line (for {@code --version} and the
     * engine settings): probes the GPU set (see the class comment) unless this process already loaded a set.
     *
     * @return e.g. "vulkan (@node-llama-cpp/linux-x64-vulkan@3.21.1, 18 libraries); GPUs: Vulkan0 (...)"
     */
    public static String summary() {
        Optional<LlamaNatives> loaded = LlamaNatives.loaded();
        if (loaded.isPresent()) {
            List<GgufDevice> gpus = GgufDevices.gpus(GgufDevices.list(loaded.get().ggml()));
            return loaded.get().set().describe() + " loaded; GPUs: " + GgufDevices.describe(gpus);
        }
        Optional<LlamaBackends.LibrarySet> gpuSet = LlamaBackends.gpuSet();
        if (gpuSet.isPresent()) {
            Result r = probe(gpuSet.get());
            return gpuSet.get().describe() + "; GPUs: " + (r.gpus().isEmpty() ? "none (" + r.reason() + ")"
                    : GgufDevices.describe(r.gpus()));
        }
        return LlamaBackends.gpuBackends().contains("metal")
                ? "metal (in " + LlamaBackends.cpuSet().map(LlamaBackends.LibrarySet::packageName).orElse("?")
                + "); GPUs: listed when a model loads"
                : "none in this build (CPU only)";
    }

    static Result parse(String backend, int exit, List<String> lines) {
        List<GgufDevice> devices = new ArrayList<>();
        List<String> backends = new ArrayList<>();
        for (String line : lines) {
            GgufDevice d = GgufDevice.fromLine(line);
            if (d != null) {
                devices.add(d);
            } else if (line.startsWith("backend\t")) {
                backends.add(line.substring("backend\t".length()));
            }
        }
        if (exit != 0 && devices.isEmpty()) {
            return new Result(devices, backends, "the " + backend + " probe failed (exit " + exit + ")");
        }
        if (!GgufDevices.gpus(devices).isEmpty()) {
            return new Result(devices, backends, "");
        }
        boolean loaded = backends.stream().anyMatch(b -> !b.equalsIgnoreCase("CPU"));
        String why = !loaded
                ? "the " + backend + " backend did not load (" + loaderHint(backend) + ")"
                : "the " + backend + " backend sees no GPU"
                        + (backend.equals("vulkan") ? " (llama.cpp skips CPU-type Vulkan devices such as lavapipe "
                        + "unless GGML_VK_VISIBLE_DEVICES names them)" : "");
        return new Result(devices, backends, why);
    }

    /**
     * The free check: a reason why this backend can have no device here, or empty when it may (then the child
     * probe answers).
     */
    static Optional<String> noDeviceHere(String backend) {
        if (Platform.isMac()) {
            return Optional.empty();
        }
        boolean windows = Platform.isWindows();
        if (backend.equals("vulkan")) {
            if (windows) {
                Path dll = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32",
                        "vulkan-1.dll");
                return Files.exists(dll) ? Optional.empty()
                        : Optional.of("no Vulkan loader (" + dll + "; it comes with the GPU driver)");
            }
            if (!libraryFound("libvulkan.so.1")) {
                return Optional.of("no Vulkan loader (libvulkan.so.1; Debian/Ubuntu: apt install libvulkan1, and "
                        + "the GPU's Vulkan driver)");
            }
            String visible = System.getenv("GGML_VK_VISIBLE_DEVICES");
            if (visible != null && !visible.isBlank()) {
                return Optional.empty();
            }
            return gpuNodes().isEmpty() ? Optional.of("no GPU device node (/dev/dri/renderD*, /dev/nvidia*, "
                    + "/dev/dxg)") : Optional.empty();
        }
        if (backend.equals("cuda")) {
            if (windows) {
                Path dll = Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32",
                        "nvcuda.dll");
                return Files.exists(dll) ? Optional.empty() : Optional.of("no NVIDIA driver (" + dll + ")");
            }
            if (gpuNodes().stream().noneMatch(n -> n.contains("nvidia") || n.contains("dxg"))) {
                return Optional.of("no NVIDIA device node (/dev/nvidia0, /dev/dxg)");
            }
            return libraryFound("libcuda.so.1") ? Optional.empty()
                    : Optional.of("no NVIDIA driver library (libcuda.so.1)");
        }
        return Optional.empty();
    }

    private static String loaderHint(String backend) {
        return backend.equals("vulkan") ? "libggml-vulkan needs the Vulkan loader, libvulkan.so.1 / vulkan-1.dll"
                : backend.equals("cuda") ? "libggml-cuda needs the NVIDIA driver and the CUDA 13 runtime "
                + "(libcudart.so.13, libcublas.so.13)" : "see the log";
    }

    /** @return the GPU device nodes of this Linux machine */
    static List<String> gpuNodes() {
        List<String> nodes = new ArrayList<>();
        try (Stream<Path> dri = Files.list(Path.of("/dev/dri"))) {
            dri.map(p -> p.toString()).filter(p -> p.contains("renderD")).forEach(nodes::add);
        } catch (IOException e) {
            // no /dev/dri
        }
        for (String n : List.of("/dev/nvidia0", "/dev/dxg")) {
            if (Files.exists(Path.of(n))) {
                nodes.add(n);
            }
        }
        return nodes;
    }

    /** Whether the dynamic linker would find {@code name}: LD_LIBRARY_PATH, ld.so.conf's folders, the defaults. */
    static boolean libraryFound(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        List<Path> confs = new ArrayList<>(List.of(Path.of("/etc/ld.so.conf")));
        try (Stream<Path> d = Files.list(Path.of("/etc/ld.so.conf.d"))) {
            d.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(confs::add);
        } catch (IOException e) {
            // none
        }
        for (Path conf : confs) {
            try {
                Files.readAllLines(conf).stream().map(String::trim).filter(l -> l.startsWith("/")).forEach(dirs::add);
            } catch (IOException e) {
                // unreadable: the defaults still count
            }
        }
        dirs.addAll(List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib", "/lib/x86_64-linux-gnu",
                "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu"));
        return dirs.stream().anyMatch(d -> Files.exists(Path.of(d, name)));
    }
}
