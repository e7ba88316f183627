package io.edgewatch.publish;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Drop counters by {@link HandoffDrop} reason, shared by the hand-offs of one publisher. Thread-safe. */
final class HandoffDrops {
    private final AtomicLongArray counts = new AtomicLongArray(HandoffDrop.values().length);

    void count(HandoffDrop reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    long get(HandoffDrop reason) {
        return counts.get(reason.ordinal());
    }

    /** Every reason, zeros included, so metrics can bind to each one up front. */
    Map<HandoffDrop, Long> snapshot() {
        Map<HandoffDrop, Long> m = new EnumMap<>(HandoffDrop.class);
        for (HandoffDrop r : HandoffDrop.values()) {
            m.put(r, get(r));
        }
        return m;
    }
}
