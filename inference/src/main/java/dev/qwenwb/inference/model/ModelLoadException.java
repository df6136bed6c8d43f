package dev.qwenwb.inference.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.qwenwb.inference.safetensors.SafetensorsException;
import dev.qwenwb.inference.util.JsonErrors;
import dev.qwenwb.inference.util.Printable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Thrown for any unusable model folder or file. The message always starts with the offending
 * file path, then says what is wrong and what was expected, so it can be shown to a user as is: it is one line, with
 * any control characters from the file (ANSI escapes, line breaks) escaped.
 */
public class ModelLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the file or folder that is unusable
     * @param problem what is wrong with it and what was expected
     */
    public ModelLoadException(Path file, String problem) {
        super(Printable.escape(file + ": " + problem));
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * @param file    the file or folder that is unusable
     * @param problem what is wrong with it and what was expected
     * @param cause   the underlying failure
     */
    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(Printable.escape(file + ": " + problem), cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * @param file     the file the problem is in
     * @param position {@code LINE:COLUMN} of the problem in the file, or null
     * @param problem  what is wrong there
     * @param cause   the underlying failure
     */
    protected ModelLoadException(Path file, String position, String problem, Throwable cause) {
        super(Printable.escape(file + (position == null ? "" : ":" + position) + ": " + problem), cause);
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * A file that is not valid JSON, as one line: {@code FILE:LINE:COLUMN: not valid JSON: what Jackson found}.
     *
     * @param file the file
     * @param e    Jackson's parse error
     * @return the exception to throw
     */
    public static ModelLoadException invalidJson(Path file, JsonProcessingException e) {
        return new ModelLoadException(file, JsonErrors.position(e), "not valid JSON: " + JsonErrors.message(e), e);
    }

    /** @return the same problem as a model-loading error */
    public static ModelLoadException of(SafetensorsException e) {
        return new ModelLoadException(e.file(), e.problem(), e);
    }

    /** @return the file or folder the problem was found in */
    public Path file() {
        return file;
    }
}
