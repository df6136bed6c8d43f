package dev.qwenwb.inference.remote;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events as the HTML standard defines them: lines end in LF, CRLF or CR; {@code data:} lines of
 * one event are joined with LF; a blank line ends an event; lines starting with {@code :} are comments
 * (keep-alives); {@code event:} and {@code id:} are kept; one space after the colon is dropped; an event cut off by
 * the end of the stream is discarded.
 */
public final class SseReader implements Closeable {

    /**
     * One event.
     *
     * @param event the {@code event:} name, {@code message} when none was given
     * @param data  the data lines joined with LF
     * @param id    the last {@code id:} seen, or null
     */
    public record Event(String event, String data, String id) {
    }

    private final BufferedReader in;
    private String lastId;

    /** Reads {@code stream} as UTF-8. */
    public SseReader(InputStream stream) {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /**
     * @return the next event with data, or null at the end of the stream
     * @throws IOException when the stream fails (a dropped connection)
     */
    public Event next() throws IOException {
        StringBuilder data = null;
        String event = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(event == null ? "message" : event, data.toString(), lastId);
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue; // a comment: keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data":
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                    break;
                case "event":
                    event = value;
                    break;
                case "id":
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                    break;
                default:
                    break; // retry and unknown fields are ignored
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
