import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds Qwen Workbench's packages for the OS it runs on, with the JDK that runs it (Java 17+ with jmods and
 * jpackage). Run by {@code mvn -Pinstaller package} (installers/pom.xml), or by hand from the repository root after
 * {@code mvn -DskipTests package}:
 *
 * <pre>java installers/BuildInstallers.java --root . --version 0.1.0-SNAPSHOT [--types default|app-image,tar.gz,deb,msi,dmg]</pre>
 *
 * Steps, each printed: (1) stage the app's classpath (app/target/app-V.jar + app/target/lib) in
 * installers/target/input; (2) check the native libraries the jars must carry for this platform (libtorch CPU,
 * the tokenizers, JavaFX, and the GGUF engine's llama.cpp when its jar is there); (3) jdeps over that classpath
 * gives the JDK modules, plus the few loaded by name only ({@link #MODULES_FOUND_BY_NAME}); (4) jlink a runtime of
 * just those; (5) jpackage an app image; (6) the OS's packages made from that image; (7) print (and write to
 * image-size.txt) what the image's size is made of. JavaFX stays on the classpath as jars: Maven's JavaFX jars carry
 * this platform's natives, and JavaFX's jmods are not published to Maven repositories.
 */
public final class BuildInstallers {

    static final String NAME = "Qwen Workbench";
    static final String UNIX_NAME = "qwen-workbench";
    static final String VENDOR = "Qwen Workbench contributors";
    static final String DESCRIPTION = "Run, chat with and measure Qwen2.5 models on this machine";
    static final String MAIN_CLASS = "dev.qwenwb.app.Main";
    static final String MAC_BUNDLE_ID = "dev.qwenwb.workbench";
    /** Keeps Windows upgrades in place: never change it. */
    static final String WINDOWS_UPGRADE_UUID = "6f1c7a52-3b8e-4d0a-9a4e-2f5b7c9d1e03";

    /**
     * Modules jdeps cannot see because the app reaches them only by name or as service providers: TLS with EC
     * certificates (model downloads), Chinese locale data (the Chinese UI's dates and numbers), and the legacy
     * charsets (GBK consoles and files on Chinese Windows).
     */
    static final List<String> MODULES_FOUND_BY_NAME = List.of("jdk.crypto.ec", "jdk.localedata", "jdk.charsets");

    /**
     * The hook for the GGUF engine's natives: the llamacpp module puts llama.cpp's shared libraries in its jar
     * under this folder, in a sub-folder for the platform (JNA's resource prefix), and a llamacpp.properties here
     * naming the platform and the files. When such a jar is on the classpath its files for this platform must all be there; they travel in
     * the jar, so nothing else is needed to ship them.
     */
    static final String GGUF_NATIVES = "dev/qwenwb/llamacpp/";

    private final Path root;
    private final String version;
    private final Os os;
    private final Path target;
    private final Path input;
    private final Path runtime;
    private final Path images;
    private final List<String> types;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        BuildInstallers b = new BuildInstallers(Path.of(a.getOrDefault("--root", ".")).toAbsolutePath().normalize(),
                require(a, "--version"), a.getOrDefault("--types", "default"));
        try {
            b.run();
        } catch (BuildFailure e) {
            System.err.println("BuildInstallers: " + e.getMessage());
            System.exit(2);
        }
    }

    BuildInstallers(Path root, String version, String types) {
        this.root = root;
        this.version = version;
        this.os = Os.current();
        this.target = root.resolve("installers/target");
        this.input = target.resolve("input");
        this.runtime = target.resolve("runtime");
        this.images = target.resolve("image");
        this.types = "default".equals(types) ? os.defaultTypes : Arrays.asList(types.split(","));
        for (String t : this.types) {
            if (!os.allowedTypes.contains(t)) {
                throw new BuildFailure("--types: " + t + " cannot be built on " + os.label + " (there: "
                        + String.join(", ", os.allowedTypes) + ")");
            }
        }
    }

    void run() throws Exception {
        String mainJar = stageInput();
        Natives natives = checkNatives();
        List<String> modules = modules();
        jlink(modules);
        Path image = appImage(mainJar, natives);
        for (String t : types) {
            switch (t) {
                case "app-image" -> { }
                case "tar.gz" -> tarGz(image);
                case "deb" -> linuxDeb(image);
                case "msi" -> windowsMsi(image);
                case "dmg" -> macDmg(image);
                default -> throw new BuildFailure("--types: unknown type " + t);
            }
        }
        sizeReport(image);
    }

    // (1) the app's classpath

    private String stageInput() throws IOException {
        Path lib = root.resolve("app/target/lib");
        String mainJar = "app-" + version + ".jar";
        Path jar = root.resolve("app/target").resolve(mainJar);
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new BuildFailure(jar + " or " + lib + " is missing: build the app first (mvn -B -Pinstaller "
                    + "-DskipTests package from the repository root does both)");
        }
        deleteTree(target.resolve("input"));
        Files.createDirectories(input);
        Files.copy(jar, input.resolve(mainJar));
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                Files.copy(p, input.resolve(p.getFileName()));
            }
        }
        step("classpath", countJars(input) + " jars in " + root.relativize(input));
        return mainJar;
    }

    // (2) the natives the jars must carry

    /** @param cpuLibtorch whether the CPU libtorch is bundled (then DJL runs offline) */
    record Natives(boolean cpuLibtorch) {
    }

    private Natives checkNatives() throws IOException {
        boolean libtorch = false;
        boolean tokenizers = false;
        boolean javafx = false;
        List<String> gguf = new ArrayList<>();
        for (Path jar : jars(input)) {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                ZipEntry props = z.getEntry("native/lib/pytorch.properties");
                if (props != null && jar.getFileName().toString().startsWith("pytorch-native-cpu")) {
                    Properties p = load(z, props);
                    if (!os.djl().equals(p.getProperty("classifier"))) {
                        throw new BuildFailure(jar.getFileName() + " holds libtorch for " + p.getProperty("classifier")
                                + ", not for this platform (" + os.djl() + ")");
                    }
                    for (String f : p.getProperty("libraries", "").split(",")) {
                        requireEntry(z, jar, "pytorch/cpu/" + os.djl() + "/" + f);
                    }
                    libtorch = true;
                }
                tokenizers |= z.getEntry("native/lib/" + os.djl() + "/cpu/" + os.library("tokenizers")) != null;
                javafx |= z.getEntry(os.library("glass")) != null;
                if (z.stream().anyMatch(e -> e.getName().startsWith(GGUF_NATIVES))) {
                    gguf.add(checkGgufNatives(z, jar));
                }
            }
        }
        if (!tokenizers) {
            throw new BuildFailure("no jar holds the tokenizers' native library for " + os.djl()
                    + " (native/lib/" + os.djl() + "/cpu/" + os.library("tokenizers") + ")");
        }
        if (!javafx) {
            throw new BuildFailure("no JavaFX jar holds " + os.library("glass")
                    + ": the JavaFX jars are not the ones for this platform");
        }
        step("natives", "tokenizers (" + os.djl() + "), JavaFX (" + os.library("glass") + "), "
                + (libtorch ? "libtorch CPU (" + os.djl() + "; DJL runs offline)"
                        : "no libtorch (a -Pcuda build: DJL downloads the CUDA libtorch on first use)")
                + ", GGUF: " + (gguf.isEmpty() ? "none in this build (hook: " + GGUF_NATIVES + ")" : String.join("; ", gguf)));
        return new Natives(libtorch);
    }

    private String checkGgufNatives(ZipFile z, Path jar) throws IOException {
        // the same file the GGUF engine reads (LlamaNatives): it names the platform and the files under it
        ZipEntry props = z.getEntry(GGUF_NATIVES + "llamacpp.properties");
        if (props == null) {
            throw new BuildFailure(jar.getFileName() + " has llama.cpp natives but no " + GGUF_NATIVES
                    + "llamacpp.properties naming them");
        }
        Properties p = load(z, props);
        String platform = p.getProperty("platform", "");
        if (!platform.equals(os.jna())) {
            throw new BuildFailure(jar.getFileName() + " has llama.cpp natives for '" + platform + "', not for "
                    + os.jna() + " (" + GGUF_NATIVES + "llamacpp.properties, key platform)");
        }
        String dir = GGUF_NATIVES + platform + "/";
        int n = 0;
        for (String f : p.getProperty("files", "").split(",")) {
            if (!f.isBlank()) {
                requireEntry(z, jar, dir + f.trim());
                n++;
            }
        }
        if (n == 0) {
            throw new BuildFailure(jar.getFileName() + ": " + GGUF_NATIVES + "llamacpp.properties names no files");
        }
        // the GPU set (Vulkan; CUDA in a -Pcuda build), where the platform has one: every file it names is there
        ZipEntry gpuProps = z.getEntry(GGUF_NATIVES + "llamacpp-gpu.properties");
        String gpu = "";
        if (gpuProps != null) {
            Properties g = load(z, gpuProps);
            String folder = GGUF_NATIVES + g.getProperty("folder", "?") + "/";
            int m = 0;
            for (String f : g.getProperty("files", "").split(",")) {
                if (!f.isBlank()) {
                    requireEntry(z, jar, folder + f.trim());
                    m++;
                }
            }
            gpu = " + " + m + " of the " + g.getProperty("backend", "?") + " set";
        }
        return n + " llama.cpp libraries for " + os.jna() + gpu + " in " + jar.getFileName();
    }

    // (3) + (4) the runtime

    private List<String> modules() {
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", "17", "--class-path", classPath()));
        jars(input).forEach(j -> args.add(j.toString()));
        String out = tool("jdeps", args).strip();
        String last = out.lines().reduce((x, y) -> y).orElse("");
        TreeSet<String> modules = new TreeSet<>(Arrays.asList(last.split(",")));
        if (!modules.contains("java.base")) {
            throw new BuildFailure("jdeps printed no module list: " + out);
        }
        modules.addAll(MODULES_FOUND_BY_NAME);
        step("modules", String.join(",", modules));
        return new ArrayList<>(modules);
    }

    private void jlink(List<String> modules) throws IOException {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jmods)) {
            throw new BuildFailure(jmods + " is missing: jlink needs a full JDK (Debian: openjdk-17-jdk-headless)");
        }
        deleteTree(runtime);
        // bin/java stays (no --strip-native-commands, ~0.1 MB): the GGUF engine's GPU probe runs in a child JVM so
        // that a process staying on the CPU never loads the GPU libraries (inference: llamacpp.GpuProbe)
        tool("jlink", List.of("--module-path", jmods.toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--include-locales=en,zh", "--output", runtime.toString()));
        step("runtime", mb(size(runtime)) + " in " + root.relativize(runtime));
    }

    // (5) the app image

    private Path appImage(String mainJar, Natives natives) throws IOException {
        deleteTree(images);
        List<String> args = new ArrayList<>(common());
        args.addAll(List.of("--type", "app-image", "--input", input.toString(), "--main-jar", mainJar,
                "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString(), "--dest", images.toString(),
                "--icon", icon().toString()));
        if (natives.cpuLibtorch()) {
            // DJL_OFFLINE as a system property (the launcher cannot set variables); a DJL_OFFLINE variable still wins
            args.addAll(List.of("--java-options", "-Dai.djl.offline=true"));
        }
        if (os == Os.WINDOWS) {
            // the main launcher is a GUI program (no console); this one runs the command line in a console
            args.addAll(List.of("--add-launcher", UNIX_NAME + "=" + resources().resolve("console-launcher.properties")));
        }
        if (os == Os.MAC) {
            args.addAll(List.of("--mac-package-identifier", MAC_BUNDLE_ID, "--mac-package-name", NAME));
        }
        jpackage(args);
        Path image = images.resolve(os.imageName());
        step("app image", root.relativize(image) + " (" + mb(size(image)) + "), launcher " + os.launcher());
        return image;
    }

    // (6) the packages

    private void tarGz(Path image) {
        Path out = target.resolve(UNIX_NAME + "-" + version + "-" + os.djl() + ".tar.gz");
        exec(List.of("tar", "-czf", out.toString(), "-C", images.toString(), image.getFileName().toString()), Map.of());
        step("tar.gz", root.relativize(out) + " (" + mb(sizeOf(out)) + ")");
    }

    private void linuxDeb(Path image) throws IOException {
        List<String> args = new ArrayList<>(common());
        args.addAll(List.of("--type", "deb", "--app-image", image.toString(), "--dest", target.toString(),
                "--icon", icon().toString(), "--resource-dir", resources().toString(),
                "--license-file", licence().toString(), "--install-dir", "/opt",
                "--linux-package-name", UNIX_NAME, "--linux-app-category", "devel", "--linux-shortcut",
                "--linux-deb-maintainer", "qwen-workbench@users.noreply.github.com"));
        // most of the image is jars and a compressed runtime: dpkg's default xz took 7.5 minutes here to make the
        // .deb 2 % smaller than gzip does in half a minute
        jpackage(args, Map.of("DPKG_DEB_COMPRESSOR_TYPE", "gzip"));
        step("deb", root.relativize(newest(target, ".deb")) + " (" + mb(sizeOf(newest(target, ".deb"))) + ")");
    }

    private void windowsMsi(Path image) throws IOException {
        List<String> args = new ArrayList<>(common());
        args.addAll(List.of("--type", "msi", "--app-image", image.toString(), "--dest", target.toString(),
                "--license-file", licence().toString(), "--win-menu", "--win-menu-group", NAME, "--win-shortcut",
                "--win-dir-chooser", "--win-per-user-install", "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
        jpackage(args);
        Path msi = renameTo(newest(target, ".msi"), UNIX_NAME + "-" + version + "-" + os.djl() + ".msi");
        step("msi", root.relativize(msi) + " (" + mb(sizeOf(msi)) + ")");
    }

    private void macDmg(Path image) throws IOException {
        List<String> args = new ArrayList<>(common());
        args.addAll(List.of("--type", "dmg", "--app-image", image.toString(), "--dest", target.toString(),
                "--mac-package-identifier", MAC_BUNDLE_ID, "--mac-package-name", NAME));
        jpackage(args);
        Path dmg = renameTo(newest(target, ".dmg"), UNIX_NAME + "-" + version + "-" + os.djl() + ".dmg");
        step("dmg", root.relativize(dmg) + " (" + mb(sizeOf(dmg)) + ")");
    }

    private List<String> common() {
        return List.of("--name", os == Os.LINUX ? UNIX_NAME : NAME, "--app-version", packageVersion(),
                "--vendor", VENDOR, "--description", DESCRIPTION, "--copyright", "Copyright (c) " + VENDOR);
    }

    /**
     * The pom's version as the packages accept it: numbers only (0.1.0-SNAPSHOT → 0.1.0); macOS wants the first
     * number to be at least 1, so a 0.y.z bundle says 1.0.0 there (the app's own --version and the .dmg's file name
     * carry the real one).
     */
    String packageVersion() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(\\.\\d+){0,2}").matcher(version);
        if (!m.find()) {
            throw new BuildFailure("--version " + version + ": expected it to start with numbers, like 1.2.3");
        }
        String v = m.group();
        return os == Os.MAC && Integer.parseInt(m.group(1)) == 0 ? "1.0.0" : v;
    }

    // (7) what the size is made of

    private void sizeReport(Path image) throws IOException {
        Map<String, Long> parts = new LinkedHashMap<>();
        Path app = os.appDir(image);
        parts.put("Java runtime (jlink)", size(os.runtimeDir(image)));
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("pytorch-native-", "libtorch (pytorch-native jar)");
        groups.put("javafx-web-", "JavaFX WebView (javafx-web jar: the HTML/SVG/Markdown previews)");
        groups.put("javafx-", "JavaFX base, graphics, controls, media jars");
        groups.put("tokenizers-", "tokenizers jar (natives of 5 platforms)");
        groups.put("pytorch-jni-", "DJL's libtorch JNI jar");
        groups.put("llamacpp-", "llama.cpp natives (GGUF)");
        long rest = 0;
        for (Path jar : jars(app)) {
            String n = jar.getFileName().toString();
            String group = groups.entrySet().stream().filter(g -> n.startsWith(g.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (group == null) {
                rest += sizeOf(jar);
            } else {
                parts.merge(group, sizeOf(jar), Long::sum);
            }
        }
        parts.put("all other jars (app, DJL, Jackson, Jinjava, Guava, …)", rest);
        long total = size(image);
        parts.put("launcher, icon, config", total - parts.values().stream().mapToLong(Long::longValue).sum());
        StringBuilder sb = new StringBuilder("Image " + image.getFileName() + ": " + mb(total) + "\n");
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %7s  %s%n", mb(e.getValue()), e.getKey())));
        Files.writeString(target.resolve("image-size.txt"), sb.toString());
        step("size", "\n" + sb.toString().stripTrailing());
    }

    // tools

    private void jpackage(List<String> args) {
        jpackage(args, Map.of());
    }

    /** jpackage as a child process, so that the tools it starts (dpkg-deb, WiX, hdiutil) see {@code env}. */
    private void jpackage(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", os == Os.WINDOWS ? "jpackage.exe" : "jpackage").toString());
        cmd.addAll(args);
        exec(cmd, env);
    }

    private static String tool(String name, List<String> args) {
        ToolProvider t = ToolProvider.findFirst(name)
                .orElseThrow(() -> new BuildFailure(name + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter out = new StringWriter();
        int rc = t.run(new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(new String[0]));
        if (rc != 0) {
            throw new BuildFailure(name + " failed (exit " + rc + "):\n" + out);
        }
        return out.toString();
    }

    private void exec(List<String> cmd, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO();
            pb.environment().putAll(env);
            int rc = pb.start().waitFor();
            if (rc != 0) {
                throw new BuildFailure(Path.of(cmd.get(0)).getFileName() + " failed (exit " + rc + "): "
                        + String.join(" ", cmd));
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted");
        }
    }

    // files

    private Path resources() {
        return root.resolve("installers/resources").resolve(os.id);
    }

    private Path icon() {
        Path icons = root.resolve("assets/icon");
        return switch (os) {
            case LINUX -> icons.resolve("png/qwen-workbench-512.png");
            case WINDOWS -> icons.resolve("qwen-workbench.ico");
            case MAC -> icons.resolve("qwen-workbench.icns");
        };
    }

    private Path licence() {
        return root.resolve("installers/resources/LICENSE.txt");
    }

    private String classPath() {
        return jars(input).stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long countJars(Path dir) {
        return jars(dir).size();
    }

    private static Properties load(ZipFile z, ZipEntry e) throws IOException {
        Properties p = new Properties();
        try (InputStream in = z.getInputStream(e)) {
            p.load(in);
        }
        return p;
    }

    private static void requireEntry(ZipFile z, Path jar, String name) {
        if (z.getEntry(name) == null) {
            throw new BuildFailure(jar.getFileName() + " lacks " + name);
        }
    }

    private static Path newest(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new BuildFailure("jpackage wrote no " + suffix + " into " + dir));
        }
    }

    private static Path renameTo(Path file, String name) throws IOException {
        return Files.move(file, file.resolveSibling(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(BuildInstallers::sizeOf).sum();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static void step(String what, String detail) {
        System.out.println("[installers] " + what + ": " + detail);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new BuildFailure("usage: java BuildInstallers.java --root DIR --version V [--types LIST]");
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }

    private static String require(Map<String, String> a, String key) {
        String v = a.get(key);
        if (v == null || v.isBlank()) {
            throw new BuildFailure(key + " is required");
        }
        return v;
    }

    /** A build problem, said in one line. */
    static final class BuildFailure extends RuntimeException {
        BuildFailure(String message) {
            super(message);
        }
    }

    /** The platform being built for (always the one this runs on: jpackage does not cross-build). */
    enum Os {
        LINUX("linux", "Linux", List.of("app-image", "tar.gz", "deb"), List.of("app-image", "tar.gz", "deb")),
        WINDOWS("windows", "Windows", List.of("msi"), List.of("app-image", "msi")),
        MAC("macos", "macOS", List.of("dmg"), List.of("app-image", "dmg"));

        final String id;
        final String label;
        final List<String> defaultTypes;
        final List<String> allowedTypes;

        private static final boolean ARM = System.getProperty("os.arch").matches("aarch64|arm64");

        Os(String id, String label, List<String> defaultTypes, List<String> allowedTypes) {
            this.id = id;
            this.label = label;
            this.defaultTypes = defaultTypes;
            this.allowedTypes = allowedTypes;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MAC : LINUX;
        }

        /** DJL's platform classifier, e.g. linux-x86_64. */
        String djl() {
            String arch = ARM ? "aarch64" : "x86_64";
            return switch (this) {
                case LINUX -> "linux-" + arch;
                case MAC -> "osx-" + arch;
                case WINDOWS -> "win-" + arch;
            };
        }

        /** JNA's resource prefix, e.g. linux-x86-64. */
        String jna() {
            String arch = ARM ? "aarch64" : "x86-64";
            return switch (this) {
                case LINUX -> "linux-" + arch;
                case MAC -> "darwin-" + arch;
                case WINDOWS -> "win32-" + arch;
            };
        }

        /** A native library's file name here: tokenizers → libtokenizers.so, libtokenizers.dylib, tokenizers.dll. */
        String library(String name) {
            return switch (this) {
                case LINUX -> "lib" + name + ".so";
                case MAC -> "lib" + name + ".dylib";
                case WINDOWS -> name + ".dll";
            };
        }

        String imageName() {
            return switch (this) {
                case LINUX -> UNIX_NAME;
                case WINDOWS -> NAME;
                case MAC -> NAME + ".app";
            };
        }

        String launcher() {
            return switch (this) {
                case LINUX -> "bin/" + UNIX_NAME;
                case WINDOWS -> NAME + ".exe (window), " + UNIX_NAME + ".exe (command line)";
                case MAC -> "Contents/MacOS/" + NAME;
            };
        }

        Path appDir(Path image) {
            return switch (this) {
                case LINUX -> image.resolve("lib/app");
                case WINDOWS -> image.resolve("app");
                case MAC -> image.resolve("Contents/app");
            };
        }

        Path runtimeDir(Path image) {
            return switch (this) {
                case LINUX -> image.resolve("lib/runtime");
                case WINDOWS -> image.resolve("runtime");
                case MAC -> image.resolve("Contents/runtime");
            };
        }
    }
}
