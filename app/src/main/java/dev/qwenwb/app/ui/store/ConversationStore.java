package dev.qwenwb.app.ui.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conversations as JSON files in one folder; every write goes to a temp file first, then moves into place. */
public final class ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    /** A store in {@code dir} (created when first written). */
    public ConversationStore(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Saves {@code c} atomically as {@code <id>.json}. */
    public void save(Conversation c) {
        try {
            Files.createDirectories(dir);
            FileTrees.writeAtomically(dir.resolve(c.id() + ".json"), JSON.writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save conversation " + c.id() + " in " + dir, e);
        }
    }

    /** Every readable conversation, most recently updated first; unreadable files are logged and skipped. */
    public List<Conversation> loadAll() {
        List<Conversation> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                try {
                    all.add(JSON.readValue(f.toFile(), Conversation.class));
                } catch (IOException e) {
                    LOG.warn("skipping unreadable conversation {}: {}", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        all.sort(Comparator.comparingLong(Conversation::updated).reversed());
        return all;
    }

    /** Deletes the conversation's file. */
    public void delete(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete conversation " + id, e);
        }
    }
}
