package io.edgewatch.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-camera event sequence numbers: 1, 2, 3, ... without gaps. Subscribers detect lost events from gaps.
 * A durable outbox can seed the counter with the last numbers it persisted so a restart continues the series.
 * Thread-safe.
 */
public final class SequenceCounter {
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();

    public SequenceCounter() {}

    /** @param lastIssued last number already used per camera (e.g. restored from disk) */
    public SequenceCounter(Map<String, Long> lastIssued) {
        lastIssued.forEach((camera, seq) -> {
            if (seq < 0) {
                throw new IllegalArgumentException("lastIssued for " + camera + " must be >= 0: " + seq);
            }
            last.put(camera, new AtomicLong(seq));
        });
    }

    public long next(String camera) {
        return last.computeIfAbsent(camera, c -> new AtomicLong()).incrementAndGet();
    }

    /** Last number issued for the camera, 0 if none. */
    public long lastIssued(String camera) {
        AtomicLong n = last.get(camera);
        return n == null ? 0 : n.get();
    }
}
