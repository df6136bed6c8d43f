package dev.qwenwb.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's assets/suites folder, seen from the evaluation module's tests. */
final class Assets {

    private Assets() {
    }

    static Path suites() {
        Path p = Path.of("..", "assets", "suites").toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(p + " not found; run the tests from the evaluation module");
        }
        return p;
    }
}
