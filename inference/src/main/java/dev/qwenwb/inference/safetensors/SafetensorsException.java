package dev.qwenwb.inference.safetensors;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An unusable safetensors file (or shard index): the message starts with the file, then says what is wrong and
 * what was expected. Model loading reports it as a {@code ModelLoadException} with the same words.
 */
public class SafetensorsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public SafetensorsException(Path file, String problem) {
        this(file, problem, null);
    }

    public SafetensorsException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.problem = problem;
    }

    /** @return the file the problem was found in */
    public Path file() {
        return file;
    }

    /** @return what is wrong, without the file name */
    public String problem() {
        return problem;
    }
}
