package io.edgewatch.cli.models;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a model tool's work on a named thread with a 16 MB stack: ONNX Runtime's native initialisation can
 * overflow the JVM's default 1 MB stack (a bare SIGSEGV), and the tools create many sessions.
 */
final class LargeStack {
    static final long STACK_BYTES = 16L << 20;

    private LargeStack() {}

    static <T> T call(String threadName, Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, threadName, STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
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
}
