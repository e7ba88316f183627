package io.edgewatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Daemon-level meters: detect loop stall flag (same {@link Progress} as /health) and config reload outcomes. */
public final class ServiceMetrics implements MeterBinder {
    /** Outcome of a configuration reload. */
    public enum ReloadResult { APPLIED, UNCHANGED, REJECTED, FAILED }

    private final Progress detectLoop;
    private final Map<ReloadResult, Counter> reloads = new EnumMap<>(ReloadResult.class);

    public ServiceMetrics(Progress detectLoop) {
        this.detectLoop = Objects.requireNonNull(detectLoop, "detectLoop");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Meters.gauge(registry, Metric.DETECT_LOOP_STALLED, detectLoop, p -> p.progressing() ? 0 : 1);
        for (ReloadResult r : ReloadResult.values()) {
            Metric m = Metric.CONFIG_RELOADS;
            reloads.put(r, Counter.builder(m.meterName()).description(m.description())
                    .tag(m.tags().get(0), r.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** Counts one reload; before {@link #bindTo} (metrics disabled) it is a no-op. */
    public void countReload(ReloadResult result) {
        Counter c = reloads.get(result);
        if (c != null) {
            c.increment();
        }
    }
}
