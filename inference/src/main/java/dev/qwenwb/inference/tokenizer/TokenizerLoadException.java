package dev.qwenwb.inference.tokenizer;

import java.nio.file.Path;

/** A {@code tokenizer.json} could not be loaded: missing, unreadable or not a Hugging Face tokenizer. */
public final class TokenizerLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * Creates the exception.
     *
     * @param path the file that was being loaded
     * @param reason what is wrong with it, in words
     * @param cause the underlying error, or {@code null}
     */
    public TokenizerLoadException(Path path, String reason, Throwable cause) {
        super("Cannot load tokenizer " + path + ": " + reason, cause);
        this.path = path;
    }

    /** @return the file that could not be loaded */
    public Path path() {
        return path;
    }
}
