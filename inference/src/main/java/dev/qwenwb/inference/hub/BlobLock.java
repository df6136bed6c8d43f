package dev.qwenwb.inference.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer per blob: a lock inside this JVM (the window and a queued download of the same file) and a file lock
 * for other processes (the CLI beside the window), in huggingface_hub's place, {@code .locks/models--…/{etag}.lock}.
 */
final class BlobLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BlobLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Waits (cancellably) until this process holds the lock.
     *
     * @param onWait called once if another download holds it
     */
    static BlobLock acquire(Path lockFile, Cancellation cancel, Runnable onWait) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        boolean told = false;
        try {
            while (!jvm.tryLock(100, TimeUnit.MILLISECONDS)) {
                cancel.check();
                if (!told) {
                    onWait.run();
                    told = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.CANCELLED, "download interrupted", e);
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(key.getParent());
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl;
            while ((fl = ch.tryLock()) == null) {
                if (!told) {
                    onWait.run();
                    told = true;
                }
                cancel.sleep(200);
            }
            return new BlobLock(jvm, ch, fl);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            jvm.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
