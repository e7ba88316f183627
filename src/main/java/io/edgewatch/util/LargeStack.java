package io.edgewatch.util;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a short-lived named thread with a 16 MB stack and waits for it. ONNX Runtime's native
 * initialisation (OrtEnvironment / session creation) needs more than the JVM's default 1 MB thread stack: on a
 * 1 MB thread it died here with a bare SIGSEGV (no hs_err file) depending only on the class path length; 1.5 MB
 * was enough. Loading on a large-stack thread keeps that independent of the caller's -Xss.
 */
public final class LargeStack {
    static final long STACK_BYTES = 16L << 20;

    private LargeStack() {}

    /** Runs {@code task} and returns its result; its exception (checked or not) is rethrown as it is. */
    public static <T> T call(String threadName, Callable<T> task) throws Exception {
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
            t.interrupt();
            throw e;
        }
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    /** As {@link #call}, with checked exceptions wrapped in an IllegalStateException naming the thread. */
    public static <T> T get(String threadName, Callable<T> task) {
        try {
            return call(threadName, task);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(threadName + " interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(threadName + " failed: " + e.getMessage(), e);
        }
    }
}
