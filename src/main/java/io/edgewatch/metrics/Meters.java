package io.edgewatch.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/** Registers meters from {@link Metric} constants only, so names, descriptions and tag keys stay in the catalogue. */
final class Meters {
    private Meters() {}

    static <T> void counter(MeterRegistry registry, Metric metric, T obj, ToDoubleFunction<T> count, String... tags) {
        require(metric, Metric.Type.COUNTER, tags);
        FunctionCounter.builder(metric.meterName(), obj, count).description(metric.description())
                .baseUnit(metric.unit()).tags(Tags.of(tags)).register(registry);
    }

    static <T> void gauge(MeterRegistry registry, Metric metric, T obj, ToDoubleFunction<T> value, String... tags) {
        require(metric, Metric.Type.GAUGE, tags);
        Gauge.builder(metric.meterName(), obj, value).description(metric.description())
                .baseUnit(metric.unit()).tags(Tags.of(tags)).strongReference(true).register(registry);
    }

    /** A latency histogram with buckets from 1 ms to 5 s: wide enough for a Pi 4 and a fast x86 box. */
    static Timer timer(MeterRegistry registry, Metric metric, String... tags) {
        return timer(registry, metric, Duration.ofSeconds(5), tags);
    }

    /** A latency histogram with buckets from 1 ms to {@code max}. */
    static Timer timer(MeterRegistry registry, Metric metric, Duration max, String... tags) {
        require(metric, Metric.Type.TIMER, tags);
        return Timer.builder(metric.meterName()).description(metric.description()).tags(Tags.of(tags))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(max).register(registry);
    }

    private static void require(Metric metric, Metric.Type type, String... tags) {
        if (metric.type() != type) {
            throw new IllegalArgumentException(metric + " is a " + metric.type() + ", not a " + type);
        }
        if (tags.length != metric.tags().size() * 2) {
            throw new IllegalArgumentException(metric + " takes tags " + metric.tags());
        }
        for (int i = 0; i < tags.length; i += 2) {
            if (!tags[i].equals(metric.tags().get(i / 2))) {
                throw new IllegalArgumentException(metric + " takes tags " + metric.tags() + ", got " + tags[i]);
            }
        }
    }
}
