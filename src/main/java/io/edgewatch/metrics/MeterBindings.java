package io.edgewatch.metrics;

import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.schedule.CameraSlot;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Meters of parts that come and go on live reload (a camera, the publisher): each group remembers the meters its
 * binder registered, so removing a camera removes exactly its series and a restarted one starts fresh counters
 * (Prometheus reads that as a counter reset). Used from the start thread, then only from the reload thread.
 */
public final class MeterBindings {
    /** Group of the publisher's meters. */
    public static final String PUBLISHER = "publisher";

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> groups = new HashMap<>();

    public MeterBindings(OpsMetrics metrics) {
        this.registry = Objects.requireNonNull(metrics, "metrics").registry();
    }

    /** The camera's ingest and schedule meters, as group {@code camera}: a restarted camera replaces them. */
    public void bindCamera(CameraIngest ingest, CameraSlot slot) {
        bind(ingest.name(), registry -> {
            new IngestMetrics(List.of(ingest)).bindTo(registry);
            new ScheduleMetrics(List.of(slot)).bindTo(registry);
        });
    }

    /** The publisher's meters (a reload of mqtt replaces the publisher). */
    public void bindPublisher(MqttPublisher publisher) {
        bind(PUBLISHER, new PublishMetrics(publisher));
    }

    /** Restart counters of the supervised threads (bound again when a reload replaces one). */
    public void bindThreads(List<io.edgewatch.util.Supervisor> supervisors) {
        bind("threads", new ThreadMetrics(supervisors));
    }

    /** Binds {@code binder} as group {@code key}, replacing (and removing the meters of) an earlier one. */
    synchronized void bind(String key, MeterBinder binder) {
        unbind(key);
        Set<Meter.Id> before = new HashSet<>();
        registry.getMeters().forEach(m -> before.add(m.getId()));
        binder.bindTo(registry);
        groups.put(key, registry.getMeters().stream().filter(m -> !before.contains(m.getId())).toList());
    }

    /** Removes the meters of group {@code key}, if bound. */
    public synchronized void unbind(String key) {
        List<Meter> meters = groups.remove(key);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }
}
