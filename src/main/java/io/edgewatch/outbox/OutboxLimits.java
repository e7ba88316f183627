package io.edgewatch.outbox;

import java.time.Duration;

/**
 * Bounds of the outbox. When either is exceeded the oldest events are deleted and counted, so a broker that is
 * away for days cannot fill the disk.
 *
 * @param maxEvents events kept at most; appending one more deletes the oldest
 * @param maxAge    events older than this (since they were written) are deleted
 */
public record OutboxLimits(int maxEvents, Duration maxAge) {
    public OutboxLimits {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
    }
}
