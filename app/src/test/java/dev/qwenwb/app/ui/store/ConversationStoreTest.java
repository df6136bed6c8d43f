package dev.qwenwb.app.ui.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store trusts no file: null, {}, traversal ids, truncated files and stale temp files. */
class ConversationStoreTest {

    @TempDir
    Path tmp;

    private Path dir;
    private Path victim;
    private ConversationStore store;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createDirectory(tmp.resolve("conversations"));
        victim = Files.writeString(tmp.resolve("victim.json"), "precious");
        store = new ConversationStore(dir);
    }

    private static Conversation conversation(String id, long updated) {
        return new Conversation(id, "t " + id, 1, updated, null, List.of());
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void everyUnreadableFileIsMovedToBrokenAndTheGoodOnesLoad() throws IOException {
        Conversation good = conversation(uuid(), 5);
        store.save(good);
        String full = Files.readString(dir.resolve(good.id() + ".json"));
        String[] ids = {uuid(), uuid(), uuid(), uuid(), uuid(), uuid(), uuid()};
        Files.writeString(dir.resolve(ids[0] + ".json"), "null");
        Files.writeString(dir.resolve(ids[1] + ".json"), "{}");
        Files.writeString(dir.resolve(ids[2] + ".json"), full.substring(0, full.length() / 2)); // truncated
        Files.writeString(dir.resolve(ids[3] + ".json"), full.replace(good.id(), "../victim"));
        Files.writeString(dir.resolve(ids[4] + ".json"), full); // an id that is not its name
        Files.writeString(dir.resolve(ids[5] + ".json"), full.replace("\"messages\"", "\"other\""));
        Files.writeString(dir.resolve(ids[6] + ".json"), "[1, 2]");
        Files.writeString(dir.resolve("notes.json"), full.replace(good.id(), "notes"));

        ConversationStore.Loaded loaded = store.load();
        assertThat(loaded.conversations()).containsExactly(good);
        assertThat(loaded.broken()).hasSize(8);
        assertThat(loaded.broken()).allMatch(b -> b.file().getParent().equals(store.brokenDir()));
        assertThat(reasons(loaded)).contains("not a JSON object", "lacks \"id\"", "its id '../victim' is not a UUID",
                "its id '" + good.id() + "' does not match its file name", "lacks \"messages\"");
        assertThat(reasons(loaded)).anyMatch(r -> r.startsWith("not valid JSON ("));
        assertThat(list(dir)).containsExactlyInAnyOrder(ConversationStore.BROKEN, good.id() + ".json");
        assertThat(list(store.brokenDir())).hasSize(8).contains("notes.json", ids[0] + ".json");
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(store.load().broken()).as("reported once, then left alone").isEmpty();
    }

    @Test
    void saveAndDeleteNeverTouchAFileOutsideTheFolder() {
        for (String bad : new String[] {"../victim", "..", "/etc/passwd", "", "a/b", uuid().toUpperCase(),
            uuid() + "/../../victim"}) {
            assertThatThrownBy(() -> store.save(conversation(bad, 1))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a conversation id");
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.save(conversation(null, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(victim).hasContent("precious");
        assertThat(tmp.resolve("victim.json.json")).doesNotExist();
        assertThat(list(dir)).isEmpty();
        String id = uuid();
        store.save(conversation(id, 1));
        store.delete(id);
        assertThat(list(dir)).isEmpty();
    }

    @Test
    void staleTempFilesAreRemovedAtStartAndFreshOnesKept() throws IOException {
        Conversation c = conversation(uuid(), 1);
        store.save(c);
        Path ours = dir.resolve("." + c.id() + ".json1234567.tmp"); // FileTrees' pattern
        Path old = dir.resolve("old.tmp");
        Path fresh = dir.resolve("." + c.id() + ".json999.tmp");
        for (Path p : new Path[] {ours, old, fresh}) {
            Files.writeString(p, "{\"half\": ");
        }
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(ours, hourAgo);
        Files.setLastModifiedTime(old, hourAgo);
        ConversationStore.Loaded loaded = store.load();
        assertThat(loaded.conversations()).containsExactly(c);
        assertThat(loaded.broken()).isEmpty();
        assertThat(ours).doesNotExist();
        assertThat(old).doesNotExist();
        assertThat(fresh).as("may belong to a save in progress").exists();
    }

    private static List<String> reasons(ConversationStore.Loaded loaded) {
        return loaded.broken().stream().map(ConversationStore.Broken::reason).collect(Collectors.toList());
    }

    private static List<String> list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
