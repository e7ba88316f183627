package io.edgewatch.detect;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a short-lived named thread with a large stack. ONNX Runtime's native initialisation
 * (OrtEnvironment / session creation) needs more than the JVM's default 1 MB thread stack here: on a
 * 1 MB main thread it died with a bare SIGSEGV (no hs_err file) depending only on the class path length;
 * 1.5 MB was enough. Loading on a 16 MB thread keeps that independent of the caller's -Xss.
 */
final class LargeStack {
    static final long STACK_BYTES = 16L << 20;

    private LargeStack() {}

    static <T> T call(String threadName, Callable<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, threadName, STACK_BYTES);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(threadName + " interrupted", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(threadName + " failed: " + e.getMessage(), e);
        }
        return result.get();
    }
}
