package dev.qwenwb.inference.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void writesAtomicallyAndLeavesNoTempFile() throws Exception {
        Path f = dir.resolve("sub/a.json");
        FileTrees.writeAtomically(f, "one");
        FileTrees.writeAtomically(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var s = Files.list(f.getParent())) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void deletesATreeButNotWhatALinkInsidePointsTo() throws Exception {
        Path outside = Files.writeString(dir.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(dir.resolve("root/a/b"));
        Files.writeString(root.resolve("f"), "x");
        Files.createSymbolicLink(dir.resolve("root/link"), outside);
        FileTrees.deleteTree(dir.resolve("root"));
        assertThat(dir.resolve("root")).doesNotExist();
        assertThat(outside).hasContent("keep");
        FileTrees.deleteTree(dir.resolve("root")); // missing: fine
    }
}
