package dev.qwenwb.inference.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The file operations every module needs once: atomic writes (temp file, fsync, move) and deleting a tree. */
public final class FileTrees {

    /** Suffix of the temp files {@link #writeAtomically} leaves behind if the process dies mid-write. */
    public static final String TEMP_SUFFIX = ".tmp";

    private FileTrees() {
    }

    /**
     * Writes {@code bytes} to a temp file beside {@code target}, forces it to disk, then moves it over
     * {@code target} (atomically where the file system can), so a reader sees the old file or the new one, never
     * half of one. Creates the parent folder.
     *
     * @throws IOException if it cannot be written; {@code target} is then unchanged
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            moveReplacing(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #writeAtomically(Path, byte[])} of UTF-8 text, failures as {@link UncheckedIOException} naming the file. */
    public static void writeAtomically(Path target, String text) {
        try {
            writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Moves {@code from} over {@code to}: atomically where supported, else a plain replacing move. */
    public static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes {@code root} and everything under it, not following symbolic links (a link is deleted, not its
     * target). A missing root is fine.
     *
     * @throws IOException if something could not be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) { // walk does not follow links by default
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        }
    }

    /** {@link #deleteTree} for clean-up paths: a failure is logged at debug level and otherwise ignored. */
    public static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(FileTrees.class).debug("could not delete {}: {}", root, e.toString());
        }
    }
}
