package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Receives one response body and appends it to a partial file at {@link #position()}, feeding the running sha256
 * and reporting each chunk. After {@link #abort()} returns, nothing more is written, so the next attempt can start
 * at {@link #position()} safely. Writes happen on the HTTP client's threads; the downloading thread watches
 * {@link #idleNanos()} and aborts a connection that has stalled.
 */
final class BlobWriter implements Flow.Subscriber<List<ByteBuffer>> {

    private final FileChannel file;
    private final MessageDigest digest; // null when the listing has no sha256
    private final LongConsumer progress;
    private long position;
    private boolean aborted;
    private Flow.Subscription subscription;
    private volatile long lastActivity = System.nanoTime();
    private volatile IOException failure;

    /**
     * @param file     the partial file
     * @param position bytes already in it (and in {@code digest})
     * @param digest   running sha256 of the bytes so far, or null
     * @param progress told the number of bytes of each chunk written (negative: bytes discarded)
     */
    BlobWriter(FileChannel file, long position, MessageDigest digest, LongConsumer progress) {
        this.file = file;
        this.position = position;
        this.digest = digest;
        this.progress = progress;
    }

    /** The server ignored the Range and sends the whole file: start again from byte 0. */
    synchronized void restartFromZero() throws IOException {
        file.truncate(0);
        if (digest != null) {
            digest.reset();
        }
        progress.accept(-position);
        position = 0;
    }

    /** @return bytes in the file so far */
    synchronized long position() {
        return position;
    }

    /** @return nanoseconds since the last data (or since this writer was made) */
    long idleNanos() {
        return System.nanoTime() - lastActivity;
    }

    /** @return a write error (disk full, …), if one happened */
    IOException failure() {
        return failure;
    }

    /** Stops writing and drops the connection. */
    void abort() {
        Flow.Subscription s;
        synchronized (this) {
            aborted = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = aborted;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long written = 0;
        synchronized (this) {
            if (aborted) {
                return;
            }
            try {
                for (ByteBuffer b : buffers) {
                    if (digest != null) {
                        digest.update(b.duplicate());
                    }
                    while (b.hasRemaining()) {
                        int n = file.write(b, position);
                        position += n;
                        written += n;
                    }
                }
            } catch (IOException e) {
                failure = e;
                aborted = true;
            }
        }
        lastActivity = System.nanoTime();
        if (written > 0) {
            progress.accept(written);
        }
        if (failure != null) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        lastActivity = System.nanoTime();
    }

    @Override
    public void onComplete() {
        lastActivity = System.nanoTime();
    }
}
