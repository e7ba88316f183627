package io.edgewatch.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Wall time derived from the monotonic clock (one anchor taken at creation): the frame time-stamp written by ingest
 * and the receive time-stamp taken by the subscriber come from the same monotonic source, so their difference is a
 * true interval (NTP steps cannot bend it), at the events' millisecond resolution.
 */
final class MonotonicWall extends Clock {
    private final Instant anchor = Instant.now();
    private final long anchorNanos = System.nanoTime();

    @Override
    public Instant instant() {
        return anchor.plusNanos(System.nanoTime() - anchorNanos);
    }

    @Override
    public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
