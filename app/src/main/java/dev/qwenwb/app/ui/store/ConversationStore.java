package dev.qwenwb.app.ui.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations as JSON files {@code <id>.json} in one folder, written atomically ({@link FileTrees#writeAtomically}:
 * temp file, fsync, move). The file name comes from the conversation's id, which must be a UUID, and never from
 * a file's content: save and delete cannot reach outside the folder. Loading trusts nothing: a file that does
 * not parse, is {@code null} or {@code {}}, lacks a required field, or whose id is not a UUID or not its name
 * is moved to {@code broken/} and reported ({@link Loaded#broken}); stale temp files of interrupted writes are
 * removed.
 */
public final class ConversationStore {

    /** The sub-folder unreadable files are moved to. */
    public static final String BROKEN = "broken";

    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);
    private static final Duration STALE = Duration.ofMinutes(1);
    private static final List<String> REQUIRED = List.of("id", "title", "created", "updated", "messages");
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    /**
     * What {@link #load} found.
     *
     * @param conversations the readable conversations, most recently updated first
     * @param broken the files moved to {@code broken/} this time (their new paths), with why
     */
    public record Loaded(List<Conversation> conversations, List<Broken> broken) {
    }

    /**
     * A file that could not be read.
     *
     * @param file where it was kept ({@code broken/NAME})
     * @param reason why it could not be read
     */
    public record Broken(Path file, String reason) {
    }

    /** A store in {@code dir} (created when first written). */
    public ConversationStore(Path dir) {
        this.dir = dir;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** @return the folder broken files are moved to */
    public Path brokenDir() {
        return dir.resolve(BROKEN);
    }

    /**
     * Whether {@code id} can name a conversation file: a UUID in its canonical lower-case form.
     *
     * @param id a conversation id
     * @return whether it is valid
     */
    public static boolean isValidId(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Saves {@code c} atomically as {@code <id>.json}.
     *
     * @throws IllegalArgumentException if its id is not a UUID (nothing is written)
     */
    public void save(Conversation c) {
        Path file = fileOf(c.id());
        try {
            Files.createDirectories(dir);
            FileTrees.writeAtomically(file, JSON.writeValueAsBytes(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save conversation " + c.id() + " in " + dir, e);
        }
    }

    /** Every readable conversation, most recently updated first ({@link #load}, the broken ones left out). */
    public List<Conversation> loadAll() {
        return load().conversations();
    }

    /**
     * Reads every conversation; removes stale temp files first, moves unreadable files to {@code broken/}.
     *
     * @return the conversations and the files kept aside
     */
    public Loaded load() {
        List<Conversation> all = new ArrayList<>();
        List<Broken> broken = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Loaded(all, broken);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(FileTrees.TEMP_SUFFIX)) {
                removeIfStale(f);
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
                String problem;
                Conversation c = null;
                try {
                    c = read(f, name.substring(0, name.length() - ".json".length()));
                    problem = null;
                } catch (IOException | IllegalArgumentException e) {
                    problem = e.getMessage();
                }
                if (c != null) {
                    all.add(c);
                } else {
                    keepAside(f, problem).ifPresent(broken::add);
                }
            }
        }
        all.sort(Comparator.comparingLong(Conversation::updated).reversed());
        return new Loaded(all, broken);
    }

    /**
     * Deletes the conversation's file.
     *
     * @throws IllegalArgumentException if {@code id} is not a UUID (nothing is deleted)
     */
    public void delete(String id) {
        try {
            Files.deleteIfExists(fileOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete conversation " + id, e);
        }
    }

    private Path fileOf(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a conversation id (a UUID): '" + id + "'");
        }
        return dir.resolve(id + ".json");
    }

    private static Conversation read(Path f, String stem) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IOException("not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("lacks \"" + field + "\"");
            }
        }
        String id = node.get("id").asText();
        if (!isValidId(id)) {
            throw new IllegalArgumentException("its id '" + id + "' is not a UUID");
        }
        if (!id.equals(stem)) {
            throw new IllegalArgumentException("its id '" + id + "' does not match its file name");
        }
        if (!node.get("messages").isArray() || !node.get("title").isTextual()) {
            throw new IllegalArgumentException("\"messages\" must be a list and \"title\" a text");
        }
        try {
            return JSON.treeToValue(node, Conversation.class);
        } catch (IOException e) {
            throw new IOException("unreadable content (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private Optional<Broken> keepAside(Path f, String reason) {
        try {
            Path target = Files.createDirectories(brokenDir()).resolve(f.getFileName());
            for (int i = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); i++) {
                target = brokenDir().resolve(f.getFileName() + "." + i);
            }
            Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("{}: cannot be read ({}); kept in {}", f, reason, target);
            return Optional.of(new Broken(target, reason));
        } catch (IOException e) {
            LOG.warn("{}: cannot be read ({}) nor moved aside: {}", f, reason, e.getMessage());
            return Optional.of(new Broken(f, reason));
        }
    }

    private static void removeIfStale(Path f) {
        try {
            FileTime modified = Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS);
            if (modified.toInstant().isBefore(Instant.now().minus(STALE))) {
                Files.deleteIfExists(f);
                LOG.info("removed {}, left by an interrupted save", f);
            }
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", f, e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
