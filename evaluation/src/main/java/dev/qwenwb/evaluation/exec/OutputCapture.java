package dev.qwenwb.evaluation.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Drains one stream of a child on its own thread, keeping the first {@code cap} bytes and counting the rest. */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private long dropped;

    OutputCapture(InputStream in, int cap, String name) {
        thread = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (kept) {
                        int room = Math.max(0, cap - kept.size());
                        kept.write(buf, 0, Math.min(room, n));
                        dropped += Math.max(0, n - room);
                    }
                }
            } catch (IOException ignored) {
                // the stream was closed under us: the run is over
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits up to {@code millis} for the end of the stream (every writer gone). */
    void await(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the bytes kept, as UTF-8 (a character cut at the cap shows as U+FFFD) */
    String text() {
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return the bytes read past the cap */
    long dropped() {
        synchronized (kept) {
            return dropped;
        }
    }
}
