package dev.qwenwb.evaluation.suite;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Text files read with their size checked while reading, not after: a whole file up to a number of bytes, or line
 * by line with a bound per line (a 100 MB line is refused after its first bytes past the bound, not parsed). Text
 * must be UTF-8; a byte that is not is named by its offset and line. Messages start with {@code FILE} or
 * {@code FILE:LINE}.
 */
public final class BoundedText {

    private BoundedText() {
    }

    /**
     * Reads a whole UTF-8 file.
     *
     * @param file the file
     * @param maxBytes the largest size accepted
     * @param what what the file is, for the message ("a suite")
     * @return its text
     * @throws IllegalArgumentException naming the file if it is larger or not UTF-8
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static String readFile(Path file, long maxBytes, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IllegalArgumentException(file + ": larger than the " + size(maxBytes) + " " + what
                        + " may be");
            }
            return decode(file.toString(), 1, bytes, bytes.length, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * @param file the file
     * @param maxLineBytes the longest line accepted, in bytes
     * @return a reader of its lines
     * @throws UncheckedIOException naming the file if it cannot be opened
     */
    public static Lines lines(Path file, int maxLineBytes) {
        try {
            return new Lines(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16), maxLineBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A file's lines, one at a time, each checked against the bound while it is read. */
    public static final class Lines implements Closeable {
        private final Path file;
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long offset;
        private int number;

        private Lines(Path file, InputStream in, int max) {
            this.file = file;
            this.in = in;
            this.max = max;
        }

        /** @return the 1-based number of the line last returned */
        public int number() {
            return number;
        }

        /**
         * @return the next line without its end ({@code \n} or {@code \r\n}), or null at the end of the file
         * @throws IllegalArgumentException naming file and line for a line longer than the bound or not UTF-8
         */
        public String next() {
            line.reset();
            long start = offset;
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    offset++;
                    if (b == '\n') {
                        break;
                    }
                    if (line.size() >= max) {
                        throw new IllegalArgumentException(file + ":" + (number + 1) + ": the line is longer than "
                                + size(max) + " (the most a line may hold here)");
                    }
                    line.write(b);
                }
                if (b < 0 && line.size() == 0) {
                    return null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
            number++;
            byte[] bytes = line.toByteArray();
            int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return decode(file.toString(), number, bytes, n, start);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    /** Strict UTF-8; a bad byte is named by its offset in the file and its line. */
    private static String decode(String file, int firstLine, byte[] bytes, int length, long offset) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = firstLine;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s:%d: not UTF-8 (byte %d of the file is "
                    + "0x%02X); save it as UTF-8", file, line, offset + at, bytes[at] & 0xff));
        }
        return out.flip().toString();
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes >= 1 << 10 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }
}
