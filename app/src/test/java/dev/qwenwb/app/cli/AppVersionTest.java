package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --version} names the app, the Java runtime that runs it and the GGUF engine's llama.cpp (the packaged jar's
 * version: smoke-test.sh).
 */
class AppVersionTest {

    @Test
    void versionNamesTheAppAndTheRuntimeAndExitsZero() {
        CommandLineTest.Run r = CommandLineTest.run("--version");
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).startsWith("Qwen Workbench ");
        assertThat(lines[1]).isEqualTo("Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + ")");
        boolean bundled = getClass().getResource("/dev/qwenwb/llamacpp/llamacpp.properties") != null;
        if (System.getenv("WORKBENCH_REQUIRE_LLAMACPP") != null) {
            assertThat(bundled).as("WORKBENCH_REQUIRE_LLAMACPP is set: the build must carry llama.cpp").isTrue();
        }
        assertThat(lines[2]).startsWith(bundled ? "GGUF engine: llama.cpp v" : "GGUF engine: no llama.cpp in this build")
                .doesNotContain("NOT for this platform");
    }
}
