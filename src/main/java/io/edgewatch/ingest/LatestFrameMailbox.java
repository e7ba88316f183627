package io.edgewatch.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Size-1 hand-off from a decoder thread to its consumer. A new frame replaces an unconsumed older one (the
 * consumer always gets the freshest picture, the decoder never blocks) and each replacement counts as a drop. The
 * consumer can say from when it wants frames again ({@link #wantFrom}); the decoder skips converting the others.
 */
public final class LatestFrameMailbox {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final FrameArrivals arrivals;
    private VideoFrame slot;
    /** The consumer takes no frame decoded before this (its next slot opens then); read by the decoder. */
    private volatile long wantedFrom = Long.MIN_VALUE;
    private byte[] returned; // a consumed frame's pixels, handed back for the decoder to reuse

    public LatestFrameMailbox() {
        this(null);
    }

    /** @param arrivals signalled after every offer (the detect loop's wake-up), or null */
    public LatestFrameMailbox(FrameArrivals arrivals) {
        this.arrivals = arrivals;
    }

    /**
     * Puts {@code frame} in the box.
     *
     * @return the older frame it replaced (never seen by a consumer, so its buffer may be reused), or null
     */
    public VideoFrame offer(VideoFrame frame) {
        Objects.requireNonNull(frame, "frame");
        lock.lock();
        try {
            VideoFrame displaced = slot;
            slot = frame;
            offered.incrementAndGet();
            if (displaced != null) {
                dropped.incrementAndGet();
            }
            filled.signal();
            return displaced;
        } finally {
            lock.unlock();
            if (arrivals != null) {
                arrivals.signal();
            }
        }
    }

    /** The newest frame, waiting up to {@code timeout} for one; null if none arrived in time. */
    public VideoFrame take(Duration timeout) throws InterruptedException {
        long remaining = Objects.requireNonNull(timeout, "timeout").toNanos();
        lock.lockInterruptibly();
        try {
            while (slot == null) {
                if (remaining <= 0) {
                    return null;
                }
                remaining = filled.awaitNanos(remaining);
            }
            return removeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The newest frame if one is waiting, else null; never blocks. */
    public VideoFrame poll() {
        lock.lock();
        try {
            return slot == null ? null : removeLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Consumer: gives a taken frame's pixel buffer back once nothing refers to it any more, so the decoder can
     * decode into it instead of allocating a new frame-sized array (megabytes per frame at 720p).
     */
    public void release(VideoFrame frame) {
        lock.lock();
        try {
            returned = frame.pixels();
        } finally {
            lock.unlock();
        }
    }

    /** Decoder: a released buffer of exactly {@code size} bytes, or null. */
    public byte[] reclaim(int size) {
        lock.lock();
        try {
            byte[] b = returned;
            returned = null;
            return b != null && b.length == size ? b : null;
        } finally {
            lock.unlock();
        }
    }

    private VideoFrame removeLocked() {
        VideoFrame frame = slot;
        slot = null;
        return frame;
    }

    /**
     * Consumer: frames decoded before {@code nanos} (the ingest clock) will not be taken, so the decoder need not
     * convert or offer them. Without a call every frame is wanted.
     */
    public void wantFrom(long nanos) {
        wantedFrom = nanos;
    }

    /** Decoder: whether a frame decoded at {@code nanos} would be taken. */
    public boolean wants(long nanos) {
        return nanos >= wantedFrom;
    }

    /** Frames put in the box. */
    public long offered() {
        return offered.get();
    }

    /** Frames replaced before anyone took them. */
    public long dropped() {
        return dropped.get();
    }
}
