package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app in a child JVM (headless), its window moved, resized, switched to the evaluation view and a divider
 * moved, then ended with SIGTERM ({@link Process#destroy()} on Linux and macOS), as a logout or {@code kill} ends
 * it: the settings file holds that place, size, view and divider afterwards (the shutdown hook's save), and no
 * temporary file is left beside it.
 */
class WindowStateOnSigtermTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermSavesThePlaceSizeViewAndDividersTheWindowHadThen() throws Exception {
        Path data = tmp.resolve("data");
        Path stderr = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Dworkbench.data=" + data,
                "-D" + WorkbenchApp.RELOAD_PROPERTY + "=false", "-Djava.io.tmpdir=" + tmp));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "headless.geometry",
                "testfx.headless")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WindowStateChild.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        try {
            CompletableFuture<String> changed = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("CHANGED ")) {
                            return line.substring(8);
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            String divider = changed.get(180, TimeUnit.SECONDS);
            assertThat(divider).as("the child changed its window; stderr: " + tail(stderr)).isNotNull();
            Path settingsFile = new DataFolder(data).settingsFile();
            if (Files.exists(settingsFile)) {
                assertThat(AppSettings.load(settingsFile).window().x()).as("not saved before the end").isNotEqualTo(40);
            }

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ended on SIGTERM").isTrue();

            WindowSettings saved = AppSettings.load(settingsFile).window();
            assertThat(saved.x()).as(saved.toString()).isEqualTo(40);
            assertThat(saved.y()).isEqualTo(30);
            assertThat(saved.width()).isEqualTo(1000);
            assertThat(saved.height()).isEqualTo(700);
            assertThat(saved.mainView(MainView.CHAT)).isEqualTo(MainView.EVALUATION);
            assertThat(saved.dividers().get("evaluation.1")).singleElement()
                    .satisfies(d -> assertThat(d).isCloseTo(Double.parseDouble(divider), Offset.offset(1e-9)));
            try (var files = Files.list(settingsFile.getParent())) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static String tail(Path f) {
        try {
            String s = Files.readString(f);
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
