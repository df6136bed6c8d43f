package dev.qwenwb.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --version} names the app and the Java runtime that runs it (the packaged jar's version: smoke-test.sh). */
class AppVersionTest {

    @Test
    void versionNamesTheAppAndTheRuntimeAndExitsZero() {
        CommandLineTest.Run r = CommandLineTest.run("--version");
        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines[0]).startsWith("Qwen Workbench ");
        assertThat(lines[1]).isEqualTo("Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + ")");
    }
}
