package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.generate.Futures;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that runs an engine's native work. An engine keeps one for the whole process, shared by every model
 * it loads: native allocators keep per-thread pools (a thread per model would leave each unloaded model's memory
 * behind), and DJL's scopes are per thread. Models and sessions queue behind each other on it.
 */
public final class ModelThread {

    private final String name;
    private final ExecutorService executor;

    /** @param name the thread's name (seen in thread dumps and logs) */
    public ModelThread(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return whether the caller is this thread */
    public boolean isCurrent() {
        return Thread.currentThread().getName().equals(name);
    }

    /**
     * Runs {@code task} on this thread and waits for it (at once, when called from it); its unchecked exceptions are
     * rethrown as they are.
     */
    public <T> T call(Callable<T> task) {
        if (isCurrent()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return Futures.await(executor.submit(task));
    }

    /** Queues {@code task}. */
    public void submit(Runnable task) {
        executor.execute(task);
    }
}
