package dev.qwenwb.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qwenwb.app.ui.DataFolderMigration.Result;
import dev.qwenwb.app.ui.DataFolderMigration.Status;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving ~/.qwen-workbench into the OS's place loses nothing: real folders, with a refused rename for "another disk". */
class DataFolderMigrationTest {

    @TempDir
    Path tmp;

    private Path legacy;
    private Path target;
    private byte[] weights;

    /** As across file systems: the rename is refused, so the migration must copy. */
    private static final DataFolderMigration.AtomicMove ACROSS_FILE_SYSTEMS = (from, to) -> {
        throw new AtomicMoveNotSupportedException(from.toString(), to.toString(), "another file system");
    };

    @BeforeEach
    void aLegacyFolderWithConversationsSettingsAModelAndALink() throws IOException {
        legacy = tmp.resolve("home/.qwen-workbench");
        target = tmp.resolve("home/.local/share/qwen-workbench");
        Files.createDirectories(legacy.resolve("conversations"));
        Files.createDirectories(legacy.resolve("models/demo"));
        Files.createDirectories(legacy.resolve("empty-folder"));
        Files.writeString(legacy.resolve("settings.json"), "{\"language\":\"zh\"}");
        Files.writeString(legacy.resolve("conversations/c1.json"), "{\"title\":\"快速排序\"}");
        weights = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(weights);
        Files.write(legacy.resolve("models/demo/model.safetensors"), weights);
        Files.createSymbolicLink(legacy.resolve("models/latest"), Path.of("demo"));
    }

    private void assertEverythingArrivedIn(Path dir) throws IOException {
        assertThat(dir.resolve("settings.json")).hasContent("{\"language\":\"zh\"}");
        assertThat(dir.resolve("conversations/c1.json")).hasContent("{\"title\":\"快速排序\"}");
        assertThat(Files.readAllBytes(dir.resolve("models/demo/model.safetensors"))).isEqualTo(weights);
        assertThat(Files.readSymbolicLink(dir.resolve("models/latest"))).isEqualTo(Path.of("demo"));
        assertThat(dir.resolve("empty-folder")).isEmptyDirectory();
    }

    @Test
    void onOneFileSystemItIsOneRename() throws IOException {
        Result r = DataFolderMigration.migrate(legacy, target, DataFolderMigration.SYSTEM_MOVE);

        assertThat(r.status()).isEqualTo(Status.MOVED);
        assertThat(r.message()).contains(legacy.toString()).contains(target.toString());
        assertEverythingArrivedIn(target);
        assertThat(legacy).doesNotExist();
    }

    @Test
    void acrossFileSystemsItCopiesChecksThenDeletesTheOldFolder() throws IOException {
        Result r = DataFolderMigration.migrate(legacy, target, ACROSS_FILE_SYSTEMS);

        assertThat(r.status()).isEqualTo(Status.COPIED);
        assertEverythingArrivedIn(target);
        assertThat(legacy).doesNotExist();
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings).containsExactly(target); // no staging folder left behind
        }
    }

    @Test
    void aRealSecondFileSystemToo() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "no second file system here");
        Path other = Files.createTempDirectory(shm, "qwb-migration-test");
        try {
            Path there = other.resolve("qwen-workbench");
            assertThat(DataFolderMigration.migrate(legacy, there, DataFolderMigration.SYSTEM_MOVE).status())
                    .isEqualTo(Status.COPIED);
            assertEverythingArrivedIn(there);
            assertThat(legacy).doesNotExist();
        } finally {
            FileTrees.deleteTree(other);
        }
    }

    @Test
    void aStagingFolderLeftByAnInterruptedCopyIsReplaced() throws IOException {
        Path staging = target.resolveSibling(".qwen-workbench.migrating");
        Files.createDirectories(staging.resolve("conversations"));
        Files.writeString(staging.resolve("settings.json"), "half");

        assertThat(DataFolderMigration.migrate(legacy, target, ACROSS_FILE_SYSTEMS).status()).isEqualTo(Status.COPIED);
        assertEverythingArrivedIn(target);
        assertThat(staging).doesNotExist();
    }

    @Test
    void anExistingTargetIsNeverOverwritten() throws IOException {
        Files.createDirectories(target);
        Files.writeString(target.resolve("settings.json"), "{\"theme\":\"light\"}");

        Result r = DataFolderMigration.migrate(legacy, target, DataFolderMigration.SYSTEM_MOVE);

        assertThat(r.status()).isEqualTo(Status.BOTH_EXIST);
        assertThat(r.message()).contains(target + " already exists").contains(legacy + " is left as it is");
        assertThat(target.resolve("settings.json")).hasContent("{\"theme\":\"light\"}");
        assertEverythingArrivedIn(legacy);
    }

    @Test
    void anEmptyTargetFolderCountsAsAbsent() throws IOException {
        Files.createDirectories(target);

        assertThat(DataFolderMigration.migrate(legacy, target, ACROSS_FILE_SYSTEMS).status()).isEqualTo(Status.COPIED);
        assertEverythingArrivedIn(target);
    }

    @Test
    void aFailureMidwayLeavesTheOldFolderWholeAndTheTargetAbsent() throws IOException {
        AtomicInteger tries = new AtomicInteger();
        DataFolderMigration.AtomicMove brokenDisk = (from, to) -> {
            tries.incrementAndGet();
            throw new IOException("No space left on device");
        };

        Result r = DataFolderMigration.migrate(legacy, target, brokenDisk);

        assertThat(tries).hasValue(1);
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).contains("No space left on device").contains("the app uses " + legacy);
        assertEverythingArrivedIn(legacy);
        assertThat(target).doesNotExist();
    }

    @Test
    void noLegacyFolderMeansNothingToDo() throws IOException {
        Path elsewhere = tmp.resolve("nobody/.qwen-workbench");
        assertThat(DataFolderMigration.migrate(elsewhere, target, DataFolderMigration.SYSTEM_MOVE).status())
                .isEqualTo(Status.NOTHING_TO_MOVE);
        assertThat(target).doesNotExist();
    }
}
