package io.edgewatch.metrics;

import io.edgewatch.util.Supervisor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/** Restarts of the supervised threads ({@link Supervisor}), tagged with the thread's role. */
public final class ThreadMetrics implements MeterBinder {
    private final List<Supervisor> supervisors;

    public ThreadMetrics(List<Supervisor> supervisors) {
        this.supervisors = List.copyOf(supervisors);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Supervisor s : supervisors) {
            Meters.counter(registry, Metric.THREAD_RESTARTS, s, Supervisor::restarts, "thread", s.name());
        }
    }
}
