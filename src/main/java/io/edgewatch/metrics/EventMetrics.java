package io.edgewatch.metrics;

import io.edgewatch.event.DetectionEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts events by camera, label and type as they leave the tracker. The tags are bounded (configured cameras ×
 * the detector's classes × three types), but only combinations that occurred get a series: a counter is registered
 * the first time its combination is seen (once, then looked up in a map), or at {@link #bindTo} for those seen
 * before the registry existed.
 */
public final class EventMetrics implements MeterBinder, Consumer<DetectionEvent> {
    private record Key(String camera, String label, String type) {}

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private MeterRegistry registry;

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        counts.forEach(this::register);
    }

    @Override
    public void accept(DetectionEvent e) {
        Key key = new Key(e.camera(), e.label(), e.type().wire());
        AtomicLong n = counts.get(key);
        if (n == null) {
            n = first(key);
        }
        n.incrementAndGet();
    }

    /** How many events of this camera, label and type were counted (tests, logs). */
    public long count(String camera, String label, String type) {
        AtomicLong n = counts.get(new Key(camera, label, type));
        return n == null ? 0 : n.get();
    }

    private synchronized AtomicLong first(Key key) {
        AtomicLong existing = counts.get(key);
        if (existing != null) {
            return existing;
        }
        AtomicLong n = new AtomicLong();
        counts.put(key, n);
        if (registry != null) {
            register(key, n);
        }
        return n;
    }

    private void register(Key key, AtomicLong n) {
        Meters.counter(registry, Metric.EVENTS, n, AtomicLong::get, "camera", key.camera(), "label", key.label(),
                "type", key.type());
    }
}
