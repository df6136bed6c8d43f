package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * llama.cpp's shared libraries, loaded once per process: found on the classpath where the {@code llamacpp} module
 * put them ({@code dev/qwenwb/llamacpp/llamacpp.properties} names the package, the platform and the files), used in
 * place when they are plain files (a build tree), else copied once into a cache folder (from a jar; the libraries
 * find each other by their {@code $ORIGIN} run path, and ggml loads its CPU backends from a folder). Then
 * {@code llama_backend_init}, {@code ggml_backend_load_all_from_path} (the best {@code libggml-cpu-*} variant for
 * this CPU, and the GPU backend of a GPU set) and llama.cpp's log routed to SLF4J.
 *
 * <p>Which set ({@link LlamaBackends}) is decided before the first load, by {@link GpuPlacement}: {@link #get()}
 * loads the CPU set, {@link #get(LlamaBackends.LibrarySet)} the one asked for; once loaded, that set stays for the
 * life of the process.
 *
 * <p>The system property {@value #DIR_PROPERTY} names a folder holding the libraries instead (an installer may
 * ship them beside the application); {@value #CACHE_PROPERTY} overrides the cache folder.
 */
public final class LlamaNatives {

    /** A folder with the libraries, used instead of the classpath copy. */
    public static final String DIR_PROPERTY = "workbench.llamacpp.dir";
    /** Where the libraries from a jar are copied (default: the user's cache folder). */
    public static final String CACHE_PROPERTY = "workbench.llamacpp.cache";

    static final String RESOURCE_ROOT = "dev/qwenwb/llamacpp/";
    private static final Logger LOG = LoggerFactory.getLogger(LlamaNatives.class);
    private static final Logger NATIVE_LOG = LoggerFactory.getLogger("llama.cpp");
    private static LlamaNatives instance;
    private static RuntimeException failure;

    private final Path dir;
    private final LlamaBackends.LibrarySet set;
    private final String packageName;
    private final String release;
    private final LlamaLibrary llama;
    private final GgmlLibrary ggml;
    private final String systemInfo;
    private final String cpuBackend;
    private final LogRouter logRouter; // held: llama.cpp keeps the callback pointer

    private LlamaNatives(Path dir, LlamaBackends.LibrarySet set) {
        this.dir = dir;
        this.set = set;
        this.packageName = set.packageName();
        this.release = set.release();
        Map<String, Object> options = Map.of(com.sun.jna.Library.OPTION_STRING_ENCODING, "UTF-8");
        // dependencies first, by absolute path (each finds the next through its $ORIGIN run path, too)
        for (String name : List.of("ggml-base", "ggml")) {
            NativeLibrary.getInstance(find(dir, name).toString(), options);
        }
        this.ggml = Native.load(find(dir, "ggml").toString(), GgmlLibrary.class, options);
        this.llama = Native.load(find(dir, "llama").toString(), LlamaLibrary.class, options);
        this.logRouter = new LogRouter();
        llama.llama_log_set(logRouter, Pointer.NULL);
        llama.llama_backend_init();
        ggml.ggml_backend_load_all_from_path(dir.toString());
        if (ggml.ggml_backend_dev_count() == 0) {
            throw new IllegalStateException("llama.cpp found no CPU backend in " + dir
                    + " (no libggml-cpu-* library loads on this CPU)");
        }
        this.cpuBackend = logRouter.lastCpuBackend;
        this.systemInfo = llama.llama_print_system_info().trim();
        LOG.info("llama.cpp {} ({} from {}, {} set), CPU backend {}: {}", llama.llama_version(), release,
                packageName, set.backend(), cpuBackend, systemInfo);
    }

    /**
     * The libraries, loaded on first use.
     *
     * @throws IllegalStateException with one line saying what is missing (also on every later call)
     */
    public static LlamaNatives get() {
        return get(null);
    }

    /**
     * The libraries: those already loaded in this process, else {@code wanted} (null: the CPU set, or the
     * {@value #DIR_PROPERTY} folder), loaded now. The caller checks {@link #set()} when it matters which.
     *
     * @throws IllegalStateException with one line saying what is missing (also on every later call)
     */
    public static synchronized LlamaNatives get(LlamaBackends.LibrarySet wanted) {
        if (instance == null && failure == null) {
            try {
                instance = load(wanted);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                failure = new IllegalStateException("llama.cpp cannot be loaded: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return instance;
    }

    /** @return the libraries if this process has loaded them, without loading anything */
    public static synchronized java.util.Optional<LlamaNatives> loaded() {
        return java.util.Optional.ofNullable(instance);
    }

    /** @return the {@value #DIR_PROPERTY} folder's set, if that property is set */
    static java.util.Optional<LlamaBackends.LibrarySet> folderOverride() {
        String override = System.getProperty(DIR_PROPERTY);
        return override == null || override.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(LlamaBackends.folder(override));
    }

    private static LlamaNatives load(LlamaBackends.LibrarySet wanted) {
        java.util.Optional<LlamaBackends.LibrarySet> folder = folderOverride();
        if (folder.isPresent()) {
            return new LlamaNatives(Path.of(folder.get().folder()), folder.get());
        }
        if (wanted != null) {
            return new LlamaNatives(locate(wanted), wanted);
        }
        Properties p = bundledProperties();
        if (p == null) {
            throw new IllegalStateException("its libraries are not on the classpath (" + RESOURCE_ROOT
                    + "llamacpp.properties is missing: the llamacpp module was built without npm on the PATH or with "
                    + "-Dllamacpp.skip=true;"
                    + " build it with Node.js/npm on the PATH, see README)");
        }
        String platform = p.getProperty("platform", "");
        if (!platform.equals(Platform.RESOURCE_PREFIX)) {
            throw new IllegalStateException("the bundled libraries are for " + platform + ", this is "
                    + Platform.RESOURCE_PREFIX + " (rebuild on this platform)");
        }
        LlamaBackends.LibrarySet cpu = LlamaBackends.cpuSet().orElseThrow();
        return new LlamaNatives(locate(cpu), cpu);
    }

    /**
     * What this build carries for the GGUF engine, read from its file list without loading anything (for
     * {@code --version}).
     *
     * @return e.g. "llama.cpp v0.4.0 (@node-llama-cpp/linux-x64@3.21.1, linux-x86-64, 19 libraries)", or a sentence
     *     saying the build has none
     */
    public static String bundled() {
        Properties p = bundledProperties();
        if (p == null) {
            return "no llama.cpp in this build (built without npm, or with -Dllamacpp.skip=true): GGUF models "
                    + "cannot be opened";
        }
        String platform = p.getProperty("platform", "?");
        long n = Arrays.stream(p.getProperty("files", "").split(",")).filter(f -> !f.isBlank()).count();
        String release = LlamaBackends.releaseOf(p.getProperty("build.metadata", ""));
        return (release.equals("?") ? "llama.cpp (release unknown)" : release) + " (" + p.getProperty("npm.package")
                + "@" + p.getProperty("npm.version") + ", " + platform + ", " + n + " libraries"
                + (platform.equals(Platform.RESOURCE_PREFIX) ? "" : "; NOT for this platform, " + Platform.RESOURCE_PREFIX)
                + ")";
    }

    /** @return the build's llamacpp.properties, null when the build carries no llama.cpp */
    private static Properties bundledProperties() {
        Properties p = new Properties();
        try (InputStream in = resource("llamacpp.properties")) {
            if (in == null) {
                return null;
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder holding a set's files: the classpath folder itself, or a cache copy of the jar's entries (copied
     * once, atomically). Loads nothing.
     */
    static Path locate(LlamaBackends.LibrarySet set) {
        if (set.backend().equals("folder")) {
            return Path.of(set.folder());
        }
        if (!set.platform().equals(Platform.RESOURCE_PREFIX)) {
            throw new IllegalStateException("the bundled libraries are for " + set.platform() + ", this is "
                    + Platform.RESOURCE_PREFIX + " (rebuild on this platform)");
        }
        String platform = set.folder();
        List<String> files = set.files();
        String version = set.version();
        URL first = LlamaNatives.class.getClassLoader().getResource(RESOURCE_ROOT + platform + "/" + files.get(0));
        if (first == null) {
            throw new IllegalStateException(RESOURCE_ROOT + platform + "/" + files.get(0) + " is not on the classpath");
        }
        if ("file".equals(first.getProtocol())) {
            try {
                return Path.of(first.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(first + ": " + e.getMessage(), e);
            }
        }
        Path target = cacheRoot().resolve(version + "-" + platform);
        if (complete(target, files)) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
            try {
                List<String> all = new ArrayList<>(files);
                all.add("LICENSE");
                for (String name : all) {
                    try (InputStream in = resource(platform + "/" + name)) {
                        if (in != null) {
                            Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                if (!complete(target, files)) { // another process may have finished meanwhile
                    FileTrees.deleteTree(target);
                    FileTrees.moveReplacing(tmp, target);
                }
            } finally {
                FileTrees.deleteTreeQuietly(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy llama.cpp's libraries to " + target + ": " + e.getMessage(), e);
        }
        LOG.info("copied llama.cpp's libraries to {}", target);
        return target;
    }

    private static boolean complete(Path dir, List<String> files) {
        for (String f : files) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    private static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getProperty("user.home");
        if (Platform.isWindows()) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "qwen-workbench", "llamacpp");
        }
        if (Platform.isMac()) {
            return Path.of(home, "Library", "Caches", "qwen-workbench", "llamacpp");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.cache", "qwen-workbench", "llamacpp");
    }

    private static InputStream resource(String name) {
        return LlamaNatives.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + name);
    }

    /** The one library file in {@code dir} whose name is lib{base}[.version].so|.dylib or {base}.dll. */
    static Path find(Path dir, String base) {
        try (var list = Files.list(dir)) {
            return list.filter(f -> matches(f.getFileName().toString(), base)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + base + " library in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    static boolean matches(String file, String base) {
        String stem = file.startsWith("lib") ? file.substring(3) : file;
        if (!stem.startsWith(base)) {
            return false;
        }
        String rest = stem.substring(base.length());
        // libllama.v0.4.0.so, libllama.vulkan.v0.4.0.so (a GPU set's), libllama.so, libllama.dylib, llama.dll;
        // not libggml-base.so for "ggml"
        return rest.matches("(\\.[a-z]+)?(\\.v?[0-9][0-9.]*)?\\.(so|dylib|dll)");
    }

    public LlamaLibrary llama() {
        return llama;
    }

    public GgmlLibrary ggml() {
        return ggml;
    }

    /** @return the set these libraries are: {@code cpu}, a GPU set ({@code vulkan}, {@code cuda}) or a folder */
    public LlamaBackends.LibrarySet set() {
        return set;
    }

    /**
     * Runs {@code call} and adds up the device buffers llama.cpp allocates meanwhile, as its log reports them
     * ({@code <buffer> model|KV|compute buffer size = X MiB}), for buffers on a GPU (not {@code CPU*}, not
     * {@code *_Host}). Call on the thread that runs llama.cpp (the GGUF model thread: one call at a time).
     *
     * @param sink receives the MiB of each device buffer
     */
    public <T> T countingDeviceBuffers(java.util.function.DoubleConsumer sink, java.util.function.Supplier<T> call) {
        logRouter.bufferSink = sink;
        try {
            return call.get();
        } finally {
            logRouter.bufferSink = null;
        }
    }

    /** @return the folder the libraries were loaded from */
    public Path dir() {
        return dir;
    }

    /** @return e.g. {@code @node-llama-cpp/linux-x64@3.21.1} */
    public String packageName() {
        return packageName;
    }

    /** @return e.g. {@code llama.cpp v0.4.0} */
    public String release() {
        return release;
    }

    /** @return llama.cpp's feature line, e.g. {@code CPU : SSE3 = 1 | ... | AVX2 = 1 | ...} */
    public String systemInfo() {
        return systemInfo;
    }

    /** @return the CPU backend variant ggml chose, e.g. {@code haswell}, or "?" */
    public String cpuBackend() {
        return cpuBackend;
    }

    /** Sends llama.cpp's log lines to SLF4J logger {@code llama.cpp}: errors as warnings, warnings as info, info as debug. */
    private static final class LogRouter implements LlamaLibrary.LogCallback {
        private static final int WARN = 3;
        private static final int ERROR = 4;
        private static final int CONT = 5;
        private final Map<Thread, StringBuilder> partial = new ConcurrentHashMap<>();
        private final Map<Thread, Integer> levels = new ConcurrentHashMap<>();
        private static final java.util.regex.Pattern BUFFER = java.util.regex.Pattern.compile(
                ":\\s+(\\S+) (?:model|KV|compute|output|RS) buffer size =\\s+([0-9.]+) MiB");
        volatile String lastCpuBackend = "?";
        volatile java.util.function.DoubleConsumer bufferSink;

        @Override
        public void invoke(int level, Pointer text, Pointer userData) {
            String s = text == null ? "" : text.getString(0, "UTF-8");
            Thread t = Thread.currentThread();
            if (level != CONT) {
                levels.put(t, level);
            }
            StringBuilder line = partial.computeIfAbsent(t, k -> new StringBuilder());
            line.append(s);
            int nl;
            while ((nl = line.indexOf("\n")) >= 0) {
                emit(levels.getOrDefault(t, 2), line.substring(0, nl));
                line.delete(0, nl + 1);
            }
        }

        private void emit(int level, String line) {
            int i = line.lastIndexOf("ggml-cpu-");
            if (line.contains("loaded CPU backend") && i >= 0) {
                String rest = line.substring(i + "ggml-cpu-".length());
                lastCpuBackend = rest.replaceAll("\\.(so|dylib|dll)$", "");
            }
            java.util.function.DoubleConsumer sink = bufferSink;
            if (sink != null && line.contains(" buffer size = ")) {
                java.util.regex.Matcher m = BUFFER.matcher(line);
                if (m.find() && !m.group(1).startsWith("CPU") && !m.group(1).endsWith("_Host")) {
                    sink.accept(Double.parseDouble(m.group(2)));
                }
            }
            // our own code reports what fails (one line naming the file); llama.cpp's lines are detail
            if (level == ERROR) {
                NATIVE_LOG.warn(line);
            } else if (level == WARN) {
                NATIVE_LOG.info(line);
            } else {
                NATIVE_LOG.debug(line);
            }
        }
    }
}
