package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.qwenwb.inference.util.FileTrees;
import dev.qwenwb.inference.util.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run folder: {@code run.json} (written atomically), {@code results.jsonl} (one line appended and forced to
 * disk per result, so a crash loses at most the case in flight), and the reports. A torn last line — the
 * process died while writing it — is dropped on reading.
 */
public final class RunStore {

    /** The results file name. */
    public static final String RESULTS = "results.jsonl";
    /** The run description file name. */
    public static final String INFO = "run.json";

    private final Path dir;

    /** @param dir the run folder (created if missing) */
    public RunStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the run folder (" + reason(e) + ")", e);
        }
    }

    /**
     * Checks, before a run starts, that results can be written here: creates and removes a small file.
     *
     * @throws IllegalArgumentException naming the folder if it cannot be written (a read-only file system, no
     *     permission, a file where the folder should be)
     */
    public void checkWritable() {
        try {
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot write the run folder here (" + reason(e) + ")");
        }
    }

    /** @return the operating system's reason without the file name Java puts in front of it */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "files cannot be created there";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** @return the run folder */
    public Path dir() {
        return dir;
    }

    /** @return the run description, if this folder holds a run */
    public Optional<RunInfo> readInfo() {
        Path f = dir.resolve(INFO);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunInfo.fromJson(ResultJson.MAPPER.readTree(f.toFile())));
        } catch (JsonProcessingException e) {
            String at = JsonErrors.position(e);
            throw new IllegalArgumentException(f + (at == null ? "" : ":" + at) + ": not a run description: "
                    + JsonErrors.message(e));
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": not a run description: " + e.getMessage());
        }
    }

    /** Writes {@code run.json} atomically. */
    public void writeInfo(RunInfo info) {
        writeAtomic(INFO, info.toJson().toPrettyString());
    }

    /**
     * Reads every complete result line. A torn last line is cut off the file.
     *
     * @return the results in file order
     * @throws IllegalArgumentException naming file and line for a broken line that is not the last
     */
    public synchronized List<ResultRecord> readResults() {
        Path f = dir.resolve(RESULTS);
        List<ResultRecord> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            byte[] bytes = Files.readAllBytes(f);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            long goodBytes = 0;
            for (int i = 0; i < lines.length; i++) {
                boolean last = i == lines.length - 1;
                if (lines[i].isBlank()) {
                    goodBytes += lines[i].getBytes(StandardCharsets.UTF_8).length + (last ? 0 : 1);
                    continue;
                }
                try {
                    out.add(ResultJson.read(ResultJson.MAPPER.readTree(lines[i])));
                    goodBytes += lines[i].getBytes(StandardCharsets.UTF_8).length + (last ? 0 : 1);
                } catch (JsonProcessingException e) {
                    if (!last) { // a line that ends with its newline was written whole: it is not torn
                        throw new IllegalArgumentException(f + ":" + (i + 1) + ": broken result line ("
                                + JsonErrors.message(e) + ")");
                    }
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(goodBytes);
                    }
                    break;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends one result and forces it to disk.
     *
     * @throws UncheckedIOException naming the file if it cannot be written (a full disk, a read-only folder)
     */
    public synchronized void append(ResultRecord r) {
        byte[] line = (ResultJson.write(r).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(dir.resolve(RESULTS), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(RESULTS) + ": cannot save a result (" + reason(e)
                    + "); the run stops here, run again with the same folder to resume", e);
        }
    }

    /** Writes a file of the run folder atomically (temp file, fsync, then move). */
    public void writeAtomic(String name, String content) {
        FileTrees.writeAtomically(dir.resolve(name), content);
    }
}
