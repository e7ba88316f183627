package io.edgewatch.ingest;

import io.edgewatch.util.TimeSource;
import java.util.Objects;

/**
 * Holds a file source to its native frame rate: frame n is released no earlier than {@code start + n / fps}.
 * If decoding falls more than a second behind, the schedule restarts from now instead of bursting to catch up.
 */
final class FramePacer {
    /** Used when a container declares no or an absurd rate. */
    static final double FALLBACK_FPS = 25.0;
    private static final long RESYNC_NANOS = 1_000_000_000L;

    private final TimeSource time;
    private long intervalNanos;
    private long anchorNanos;
    private long framesSinceAnchor;
    private long anchorPtsMicros;
    private boolean anchored;
    /** When the frame released last was due. */
    private long lastDueNanos;

    FramePacer(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        restart(FALLBACK_FPS);
    }

    /** Starts a new schedule (a new file or a loop) at {@code fps}. */
    void restart(double fps) {
        double rate = fps > 0.5 && fps <= 240 ? fps : FALLBACK_FPS;
        intervalNanos = Math.round(1e9 / rate);
        anchored = false;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    /** Waits until the next frame is due. */
    void awaitNext() throws InterruptedException {
        long now = time.nanos();
        if (!anchored) {
            anchor(now);
            return;
        }
        framesSinceAnchor++;
        lastDueNanos = anchorNanos + framesSinceAnchor * intervalNanos;
        long wait = lastDueNanos - now;
        if (wait > 0) {
            time.sleepNanos(wait);
        } else if (-wait > RESYNC_NANOS) {
            anchor(now);
        }
    }

    /** Waits until the frame stamped {@code ptsMicros} is due, relative to the first frame since the restart. */
    void awaitTimestamp(long ptsMicros) throws InterruptedException {
        long now = time.nanos();
        if (!anchored) {
            anchor(now);
            anchorPtsMicros = ptsMicros;
            return;
        }
        lastDueNanos = anchorNanos + (ptsMicros - anchorPtsMicros) * 1000;
        long wait = lastDueNanos - now;
        if (wait > 0 && wait <= 10 * RESYNC_NANOS) {
            time.sleepNanos(wait);
        } else if (wait < -RESYNC_NANOS || wait > 10 * RESYNC_NANOS) {
            anchor(now); // behind, or a timestamp jump (loop, broken file): start a new schedule here
            anchorPtsMicros = ptsMicros;
        }
    }

    /**
     * Waits until {@code leadNanos} before the next frame is due (one interval after the last one), so that its
     * decoding starts just in time, as a live camera's starts when its packets arrive, instead of right after the
     * last frame. Never waits longer than one interval.
     */
    void awaitAhead(long leadNanos) throws InterruptedException {
        if (!anchored) {
            return;
        }
        long wait = lastDueNanos + intervalNanos - leadNanos - time.nanos();
        if (wait > 0) {
            time.sleepNanos(Math.min(wait, intervalNanos));
        }
    }

    private void anchor(long now) {
        anchorNanos = now;
        lastDueNanos = now;
        framesSinceAnchor = 0;
        anchored = true;
    }
}
