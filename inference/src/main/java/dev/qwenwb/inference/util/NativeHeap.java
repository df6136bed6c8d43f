package dev.qwenwb.inference.util;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands freed native memory back to the operating system. glibc keeps what PyTorch frees in its heaps, so after
 * unloading a model the process would otherwise stay as large as it was; {@code malloc_trim(0)} releases the free
 * pages of every heap. A no-op where there is no glibc (macOS, Windows, musl).
 */
public final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    private interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static final LibC LIBC = load();

    private NativeHeap() {
    }

    private static LibC load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("no malloc_trim here: {}", e.toString());
            return null;
        }
    }

    /** Releases free native heap pages; returns whether anything could be asked. */
    public static boolean trim() {
        if (LIBC == null) {
            return false;
        }
        try {
            LIBC.malloc_trim(0);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
