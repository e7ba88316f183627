package io.edgewatch.compress.model;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a named thread with a 16 MB stack and waits for it. ONNX Runtime's native set-up can overflow
 * the JVM's default 1 MB thread stack (bare SIGSEGV), so offline tools create environments and sessions here.
 */
public final class BigStack {
    private static final long STACK_BYTES = 16L << 20;

    private BigStack() {}

    public static <T> T call(String threadName, Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Exception e) {
                failure.set(e);
            } catch (Error e) {
                error.set(e);
            }
        }, threadName, STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.interrupt();
            throw e;
        }
        if (error.get() != null) {
            throw error.get();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
