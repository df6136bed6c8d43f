package dev.qwenwb.app.ui.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition (tests only). */
public final class Wait {

    private Wait() {
    }

    /** Waits until {@code condition} holds, failing after {@code seconds}. */
    public static void until(String what, double seconds, BooleanSupplier condition) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
