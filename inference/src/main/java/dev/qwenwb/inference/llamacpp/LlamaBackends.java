package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The llama.cpp library sets this build carries, read from the files the {@code llamacpp} module wrote without
 * loading anything: the CPU set ({@code llamacpp.properties}: node-llama-cpp's plain build, on macOS arm64 its Metal
 * build) and, where the platform has one, the GPU set ({@code llamacpp-gpu.properties}: the same llama.cpp built
 * with Vulkan, or CUDA in a {@code -Pcuda} build) in a folder of its own.
 *
 * <p>Two sets because llama.cpp's libraries load once per process and the Vulkan build's CPU path was measured
 * slower than the plain build's (issue 18): a process that runs on the CPU loads exactly the CPU set, as before
 * the GPU set existed; the GPU set is loaded only where a GPU is found ({@link GpuProbe}) or asked for
 * ({@link GpuPlacement}).
 */
public final class LlamaBackends {

    private LlamaBackends() {
    }

    /**
     * One set of libraries.
     *
     * @param backend     {@code cpu} for the CPU set (which may still hold Metal), else the GPU backend:
     *                    {@code vulkan}, {@code cuda}; {@code folder} for a {@link LlamaNatives#DIR_PROPERTY} folder
     * @param folder      its folder under {@code dev/qwenwb/llamacpp/} (for a DIR_PROPERTY folder: the path)
     * @param packageName e.g. {@code @node-llama-cpp/linux-x64-vulkan@3.21.1}
     * @param version     the npm version (the cache folder's name)
     * @param release     e.g. {@code llama.cpp v0.4.0}, or "?"
     * @param platform    JNA's resource prefix of the platform the files are for
     * @param files       the library files
     */
    public record LibrarySet(String backend, String folder, String packageName, String version, String release,
                             String platform, List<String> files) {

        /** @return whether this is a set with a separate GPU backend (not the CPU set) */
        public boolean isGpuSet() {
            return !backend.equals("cpu") && !backend.equals("folder");
        }

        /** @return e.g. "vulkan (@node-llama-cpp/linux-x64-vulkan@3.21.1, 18 libraries)" */
        public String describe() {
            return backend + " (" + packageName + ", " + files.size() + " libraries)";
        }
    }

    /** @return the CPU set, empty when the build carries no llama.cpp */
    public static Optional<LibrarySet> cpuSet() {
        return read("llamacpp.properties", "cpu");
    }

    /** @return the GPU set, empty when the build or the platform has none */
    public static Optional<LibrarySet> gpuSet() {
        return read("llamacpp-gpu.properties", null);
    }

    /** @return every set, the CPU set first */
    public static List<LibrarySet> all() {
        List<LibrarySet> sets = new ArrayList<>();
        cpuSet().ifPresent(sets::add);
        gpuSet().ifPresent(sets::add);
        return sets;
    }

    /**
     * The GPU backends this build can use, by name, without loading anything: the GPU set's, and Metal where the
     * CPU set is node-llama-cpp's Metal build.
     *
     * @return e.g. {@code [vulkan]}, {@code [metal]}, {@code []}
     */
    public static List<String> gpuBackends() {
        List<String> names = new ArrayList<>();
        cpuSet().filter(s -> s.packageName().contains("-metal")).ifPresent(s -> names.add("metal"));
        gpuSet().ifPresent(s -> names.add(s.backend()));
        return names;
    }

    /** A {@link LibrarySet} for a folder given by {@link LlamaNatives#DIR_PROPERTY}. */
    static LibrarySet folder(String dir) {
        return new LibrarySet("folder", dir, "folder " + dir, "?", "?", Platform.RESOURCE_PREFIX, List.of());
    }

    private static Optional<LibrarySet> read(String resource, String backend) {
        Properties p = new Properties();
        try (InputStream in = LlamaBackends.class.getClassLoader()
                .getResourceAsStream(LlamaNatives.RESOURCE_ROOT + resource)) {
            if (in == null) {
                return Optional.empty();
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String platform = p.getProperty("platform", "");
        List<String> files = Arrays.stream(p.getProperty("files", "").split(",")).map(String::trim)
                .filter(f -> !f.isEmpty()).toList();
        String b = backend != null ? backend : p.getProperty("backend", "gpu");
        return Optional.of(new LibrarySet(b, p.getProperty("folder", platform),
                p.getProperty("npm.package") + "@" + p.getProperty("npm.version"), p.getProperty("npm.version", "?"),
                releaseOf(p.getProperty("build.metadata", "")), platform, files));
    }

    /** {@code "release":"v0.4.0"} out of node-llama-cpp's build metadata. */
    static String releaseOf(String json) {
        int i = json.indexOf("\"release\":\"");
        if (i < 0) {
            return "?";
        }
        int start = i + "\"release\":\"".length();
        int end = json.indexOf('"', start);
        return end > start ? "llama.cpp " + json.substring(start, end) : "?";
    }
}
