package io.edgewatch.metrics;

import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.util.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Inference and preprocessing latency histograms per model, recorded at inference time through
 * {@link InferenceTiming#onLatency}, plus the age of a running inference (a stuck detector shows here first).
 */
public final class DetectMetrics implements MeterBinder {
    private final String model;
    private final InferenceTiming inference;
    private final InferenceTiming preprocess;
    private final TimeSource time;

    public DetectMetrics(String model, InferenceTiming inference, InferenceTiming preprocess, TimeSource time) {
        this.model = Objects.requireNonNull(model, "model");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.preprocess = Objects.requireNonNull(preprocess, "preprocess");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Timer infer = Meters.timer(registry, Metric.INFERENCE_LATENCY, "model", model);
        inference.onLatency(nanos -> infer.record(nanos, TimeUnit.NANOSECONDS));
        Timer prep = Meters.timer(registry, Metric.PREPROCESS_LATENCY, "model", model);
        preprocess.onLatency(nanos -> prep.record(nanos, TimeUnit.NANOSECONDS));
        Meters.gauge(registry, Metric.INFERENCE_IN_PROGRESS, inference,
                t -> t.runningForNanos(time.nanos()) / 1e9, "model", model);
    }
}
