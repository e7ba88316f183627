package io.edgewatch.metrics;

import io.edgewatch.detect.Detector;
import io.edgewatch.detect.ModelTrial.Result;
import io.edgewatch.schedule.ModelSwap;
import io.edgewatch.util.TimeSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which model serves ({@code edgewatch.model.info}, one row, replaced at each hot-swap) and how swap trials
 * ended ({@code edgewatch.model.swaps}); with {@code model.path: auto} also the variant chosen for this CPU
 * ({@code edgewatch.model.variant.info}). A swapped-in model also gets its own latency meters
 * ({@link DetectMetrics} under its name).
 */
public final class ModelMetrics implements MeterBinder {
    private final Detector first;
    private final ModelSwap swap;
    private final TimeSource time;
    private volatile MeterRegistry registry;
    private volatile MultiGauge info;
    private volatile MultiGauge variantInfo;
    private volatile Tags variant;

    public ModelMetrics(Detector first, ModelSwap swap, TimeSource time) {
        this.first = Objects.requireNonNull(first, "first");
        this.swap = Objects.requireNonNull(swap, "swap");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Metric m = Metric.MODEL_INFO;
        info = MultiGauge.builder(m.meterName()).description(m.description()).register(registry);
        Metric v = Metric.MODEL_VARIANT;
        variantInfo = MultiGauge.builder(v.meterName()).description(v.description()).register(registry);
        for (Result r : Result.values()) {
            Meters.counter(registry, Metric.MODEL_SWAPS, swap, s -> s.count(r), "result",
                    r.name().toLowerCase(Locale.ROOT));
        }
        this.registry = registry;
        serving(first, false);
        showVariant();
    }

    /** The variant {@code model.path: auto} chose (at start from the cache, or after measuring). */
    public void variantChosen(String name, String cpu) {
        variant = Tags.of("variant", name, "cpu", cpu);
        showVariant();
    }

    private void showVariant() {
        Tags t = variant;
        if (registry != null && t != null) {
            variantInfo.register(List.of(MultiGauge.Row.of(t, 1)), true);
        }
    }

    /** Called when a model starts serving (on the detect thread, before its first frame). */
    public void switched(Detector now) {
        serving(now, true);
    }

    private void serving(Detector d, boolean swapped) {
        MeterRegistry r = registry;
        if (r == null) {
            return; // metrics disabled
        }
        info.register(List.of(MultiGauge.Row.of(Tags.of("name", d.modelName(), "sha256", d.modelSha256()), 1)),
                true);
        if (swapped) {
            new DetectMetrics(d.modelName(), d.inferenceTiming(), d.preprocessTiming(), time).bindTo(r);
        }
    }
}
