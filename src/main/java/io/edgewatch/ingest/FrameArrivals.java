package io.edgewatch.ingest;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One "a frame arrived" signal shared by all cameras' mailboxes, so a single consumer (the detect loop) sleeps
 * until any camera has something new instead of polling on its own clock. Arrivals are counted: a consumer
 * notes {@link #count()} before it looks at the mailboxes and then waits for the count to move, so a frame that
 * arrives between the look and the wait is never missed.
 */
public final class FrameArrivals {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private long count; // guarded by lock

    /** Called by a mailbox after it stored a frame. */
    public void signal() {
        lock.lock();
        try {
            count++;
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Frames signalled so far. */
    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the count differs from {@code seen} or {@code nanos} pass.
     *
     * @return true if a frame arrived
     */
    public boolean awaitAfter(long seen, long nanos) throws InterruptedException {
        long remaining = nanos;
        lock.lockInterruptibly();
        try {
            while (count == seen) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = moved.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
