package dev.qwenwb.inference.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.qwenwb.inference.model.ModelLoadException;
import dev.qwenwb.inference.util.JsonErrors;
import java.nio.file.Path;

/**
 * A {@code tokenizer.json} could not be loaded: missing, unreadable or not a Hugging Face tokenizer. A bad model
 * folder like any other ({@link ModelLoadException}: the message starts with the file).
 */
public final class TokenizerLoadException extends ModelLoadException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param path the file that was being loaded
     * @param reason what is wrong with it, in words
     * @param cause the underlying error, or {@code null}
     */
    public TokenizerLoadException(Path path, String reason, Throwable cause) {
        super(path, reason, cause);
    }

    private TokenizerLoadException(Path path, String position, String reason, Throwable cause) {
        super(path, position, reason, cause);
    }

    /**
     * @param path the tokenizer file
     * @param e Jackson's parse error
     * @return {@code FILE:LINE:COLUMN: not valid JSON: …} as one line
     */
    static TokenizerLoadException invalidTokenizerJson(Path path, JsonProcessingException e) {
        return new TokenizerLoadException(path, JsonErrors.position(e), "not valid JSON: " + JsonErrors.message(e), e);
    }

    /** @return the file that could not be loaded */
    public Path path() {
        return file();
    }
}
