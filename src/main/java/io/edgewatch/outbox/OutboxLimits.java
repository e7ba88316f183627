package io.edgewatch.outbox;

import java.time.Duration;

/**
 * Bounds of the outbox. When one is reached the oldest events are deleted and counted, so a broker that is away for
 * days cannot fill the disk.
 *
 * @param maxEvents     events kept at most; appending one more deletes the oldest (reason {@code full})
 * @param maxAge        events older than this (since they were written) are deleted (reason {@code expired})
 * @param maxBytes      stored bytes (payload and row overhead) kept at most (reason {@code full})
 * @param minFree       fraction of the filesystem kept free (capped at {@link #FREE_FLOOR_CAP} bytes): below it the
 *                      outbox stops growing and evicts its oldest events (reason {@code no_space}); 0 disables
 * @param spillCapacity events kept in memory while the file cannot be written; beyond it the oldest is dropped
 *                      (reason {@code write_error})
 */
public record OutboxLimits(int maxEvents, Duration maxAge, long maxBytes, double minFree, int spillCapacity) {
    /** 64 MiB: about 90k events, a few days of a busy camera, a small share of any SD card. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final double DEFAULT_MIN_FREE = 0.05;
    public static final int DEFAULT_SPILL = 2000;
    /** A big disk needs no more than this kept free for the rest of the system. */
    public static final long FREE_FLOOR_CAP = 256L << 20;

    public OutboxLimits {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (!(minFree >= 0 && minFree < 1)) {
            throw new IllegalArgumentException("minFree must be in [0, 1): " + minFree);
        }
        if (spillCapacity < 1) {
            throw new IllegalArgumentException("spillCapacity must be positive: " + spillCapacity);
        }
    }

    /** The given count and age bounds with the default byte bound, free-space floor and spill queue. */
    public OutboxLimits(int maxEvents, Duration maxAge) {
        this(maxEvents, maxAge, DEFAULT_MAX_BYTES, DEFAULT_MIN_FREE, DEFAULT_SPILL);
    }

    /** Bytes to keep free on a filesystem of {@code totalBytes}. */
    long freeFloor(long totalBytes) {
        return Math.min(FREE_FLOOR_CAP, (long) (totalBytes * minFree));
    }
}
