package dev.qwenwb.app.cli;

import dev.qwenwb.inference.llamacpp.GpuProbe;
import dev.qwenwb.inference.llamacpp.LlamaNatives;
import picocli.CommandLine;

/**
 * {@code --version}: the version the build wrote into the app jar's manifest (the pom's), and the Java runtime that
 * runs it — inside an installed app that is the bundled one — and the llama.cpp build the GGUF engine carries.
 */
public final class AppVersion implements CommandLine.IVersionProvider {

    /** The pom's version, or {@code "development build"} when not run from the packaged jar. */
    public static String version() {
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development build" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "Qwen Workbench " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")",
            "GGUF engine: " + LlamaNatives.bundled(),
            "GGUF GPU backends: " + GpuProbe.summary()
        };
    }
}
