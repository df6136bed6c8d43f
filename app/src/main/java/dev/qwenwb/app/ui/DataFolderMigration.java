package dev.qwenwb.app.ui;

import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves the data folder of earlier versions ({@code ~/.qwen-workbench}) to the OS's per-user place, losing nothing:
 * one atomic rename where both are on the same file system; otherwise a copy into a staging folder beside the
 * target, a check that every file, folder and link arrived with the same bytes, a rename of the staging folder into
 * place and only then the deletion of the old folder. An existing target is never overwritten (an empty folder
 * counts as absent). Any failure leaves the old folder as it was and says why.
 */
public final class DataFolderMigration {

    /** A move that succeeds atomically or throws {@link AtomicMoveNotSupportedException}. */
    @FunctionalInterface
    public interface AtomicMove {
        /** Renames {@code from} to {@code to} in one step. */
        void move(Path from, Path to) throws IOException;
    }

    /** The file system's own atomic rename. */
    public static final AtomicMove SYSTEM_MOVE = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

    /** What happened. */
    public enum Status {
        /** There was no legacy folder (or it is the target itself). */
        NOTHING_TO_MOVE,
        /** Renamed in one step. */
        MOVED,
        /** Copied across file systems, checked, and the old folder deleted. */
        COPIED,
        /** Copied and checked, but the old folder could not be deleted entirely; nothing is lost. */
        COPIED_OLD_KEPT,
        /** Both folders exist: nothing was moved, the app uses the target, the old folder is left as it is. */
        BOTH_EXIST,
        /** Nothing was moved and the old folder is whole (the app keeps using it this time). */
        FAILED
    }

    /**
     * The outcome, with one line for the user.
     *
     * @param status  what happened
     * @param message a sentence naming both folders (empty for {@link Status#NOTHING_TO_MOVE})
     */
    public record Result(Status status, String message) {
        static Result nothing() {
            return new Result(Status.NOTHING_TO_MOVE, "");
        }
    }

    private DataFolderMigration() {
    }

    /** Moves {@code legacy} to {@code target} as the class comment says; never throws. */
    public static Result migrate(Path legacy, Path target, AtomicMove move) {
        if (!Files.exists(legacy, LinkOption.NOFOLLOW_LINKS)) {
            return Result.nothing();
        }
        try {
            if (Files.exists(target) && Files.isSameFile(legacy, target)) {
                return Result.nothing();
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(target)) {
                return new Result(Status.BOTH_EXIST, legacy + " was not moved: " + target
                        + " already exists. The app uses " + target + "; " + legacy
                        + " is left as it is (merge or delete it yourself).");
            }
            Files.deleteIfExists(target); // an empty folder only
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            return failed(legacy, target, e);
        }
        try {
            move.move(legacy, target);
            return new Result(Status.MOVED, "Moved the data folder " + legacy + " to " + target + ".");
        } catch (AtomicMoveNotSupportedException e) {
            return copyVerifyDelete(legacy, target);
        } catch (IOException | RuntimeException e) {
            return failed(legacy, target, e);
        }
    }

    private static Result copyVerifyDelete(Path legacy, Path target) {
        Path staging = target.resolveSibling("." + target.getFileName() + ".migrating");
        try {
            FileTrees.deleteTree(staging); // left by an interrupted earlier try; the old folder is still whole
            copyTree(legacy, staging);
            String difference = firstDifference(legacy, staging);
            if (difference != null) {
                throw new IOException("the copy differs from the original at " + difference);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE); // same file system: the staging is beside it
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteTreeQuietly(staging);
            return failed(legacy, target, e);
        }
        try {
            FileTrees.deleteTree(legacy);
            return new Result(Status.COPIED, "Copied the data folder " + legacy + " to " + target
                    + " (another file system), checked it and deleted the old folder.");
        } catch (IOException | RuntimeException e) {
            return new Result(Status.COPIED_OLD_KEPT, "Copied the data folder " + legacy + " to " + target
                    + " and checked it, but could not delete all of " + legacy + " (" + reason(e)
                    + "); the app uses " + target + " and you may delete the rest of " + legacy + ".");
        }
    }

    private static Result failed(Path legacy, Path target, Exception e) {
        return new Result(Status.FAILED, "Could not move the data folder " + legacy + " to " + target + " ("
                + reason(e) + "); nothing was changed and the app uses " + legacy + " this time.");
    }

    private static String reason(Exception e) {
        if (e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        return e.getClass() == IOException.class ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Copies folders, files (with their times and permissions) and links (as links) under {@code from}. */
    private static void copyTree(Path from, Path to) throws IOException {
        for (Path p : walk(from)) {
            Path dest = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The first relative path whose kind, link target or bytes differ between the trees; null when they match. */
    private static String firstDifference(Path a, Path b) throws IOException {
        List<Path> left = walk(a);
        List<Path> right = walk(b);
        if (left.size() != right.size()) {
            return "the number of entries (" + left.size() + " vs " + right.size() + ")";
        }
        for (Path p : left) {
            String rel = a.relativize(p).toString();
            Path q = b.resolve(rel);
            boolean link = Files.isSymbolicLink(p);
            if (link != Files.isSymbolicLink(q)
                    || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) != Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)
                    || !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
                return rel.isEmpty() ? "the folder itself" : rel;
            }
            if (link) {
                if (!Files.readSymbolicLink(p).equals(Files.readSymbolicLink(q))) {
                    return rel;
                }
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.mismatch(p, q) != -1L) {
                return rel;
            }
        }
        return null;
    }

    /** Every entry under {@code root}, parents before children, links not followed. */
    private static List<Path> walk(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.sorted().toList());
        }
    }
}
