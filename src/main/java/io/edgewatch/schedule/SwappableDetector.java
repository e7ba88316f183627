package io.edgewatch.schedule;

import io.edgewatch.detect.Detector;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector the detect loop runs, replaceable while it runs. Another thread only {@link #offer}s a new one;
 * the detect thread takes it up in {@link #current()} at the start of a pass, so no frame ever meets a
 * half-swapped detector and an inference in progress is never swapped under. The old detector is closed on the
 * detect thread right after the switch, when nothing can still be using it.
 */
public final class SwappableDetector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwappableDetector.class);

    private final AtomicReference<Detector> pending = new AtomicReference<>();
    private volatile Detector current;
    private volatile Consumer<Detector> onSwitch = d -> { };
    private volatile boolean closed;

    public SwappableDetector(Detector first) {
        this.current = Objects.requireNonNull(first, "first");
    }

    /** Called on the detect thread after each switch, before the new detector sees its first frame. */
    public void onSwitch(Consumer<Detector> listener) {
        this.onSwitch = Objects.requireNonNull(listener, "listener");
    }

    /** Queues a detector to take over at the next pass; a still-pending one it replaces is closed. */
    public void offer(Detector next) {
        Objects.requireNonNull(next, "next");
        Detector replaced = pending.getAndSet(next);
        if (replaced != null) {
            replaced.close();
        }
        if (closed) {
            closeQuietly(pending.getAndSet(null));
        }
    }

    /** Detect thread only: switches to a pending detector if there is one and returns the one to use. */
    public Detector current() {
        Detector next = pending.getAndSet(null);
        if (next != null) {
            Detector old = current;
            current = next;
            onSwitch.accept(next);
            log.info("model switched: {} -> {} (sha256 {})", old.modelName(), next.modelName(), next.modelSha256());
            closeQuietly(old);
        }
        return current;
    }

    /** The detector serving now (any thread; for names, hashes and timings). */
    public Detector serving() {
        return current;
    }

    /** True while an offered detector waits for the detect thread. */
    public boolean switchPending() {
        return pending.get() != null;
    }

    /** After the detect loop stopped: closes the serving and any pending detector. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(pending.getAndSet(null));
        closeQuietly(current);
    }

    private static void closeQuietly(Detector d) {
        if (d == null) {
            return;
        }
        try {
            d.close();
        } catch (RuntimeException e) {
            log.warn("closing model {} failed: {}", d.modelName(), e.toString());
        }
    }
}
