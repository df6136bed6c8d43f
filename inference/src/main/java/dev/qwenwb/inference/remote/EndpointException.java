package dev.qwenwb.inference.remote;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The endpoint could not answer for a reason that may pass: it could not be reached, it stayed busy (429, 5xx)
 * through every retry, or the connection dropped mid-stream. An evaluation run records nothing for such a case, so
 * running it again redoes it (as after a killed run); a bad request is an {@link IllegalArgumentException} instead.
 */
public final class EndpointException extends UncheckedIOException {

    /** @param message one line naming the endpoint and what happened */
    public EndpointException(String message, IOException cause) {
        super(message, cause);
    }

    /** @param message one line naming the endpoint and what happened */
    public EndpointException(String message) {
        super(message, new IOException(message));
    }
}
