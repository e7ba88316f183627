package io.edgewatch.metrics;

import io.edgewatch.schedule.CameraSlot;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/** Per-camera detect counters: detections run, skips by reason, the configured rate ({@link CameraSlot}). */
public final class ScheduleMetrics implements MeterBinder {
    private final List<CameraSlot> slots;

    public ScheduleMetrics(List<CameraSlot> slots) {
        this.slots = List.copyOf(slots);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CameraSlot slot : slots) {
            String cam = slot.camera();
            Meters.counter(registry, Metric.DETECT_FRAMES, slot, CameraSlot::detected, "camera", cam);
            for (CameraSlot.Skip reason : CameraSlot.Skip.values()) {
                Meters.counter(registry, Metric.DETECT_SKIPPED, slot, s -> s.skipped(reason),
                        "camera", cam, "reason", reason.name().toLowerCase(Locale.ROOT));
            }
            Meters.gauge(registry, Metric.DETECT_TARGET_FPS, slot, CameraSlot::detectFps, "camera", cam);
        }
    }
}
