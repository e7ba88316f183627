package io.edgewatch.metrics;

import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.IngestState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;

/** Per-camera decoder counters and state, read from {@link CameraIngest#stats()} / {@link CameraIngest#status()}. */
public final class IngestMetrics implements MeterBinder {
    private final List<CameraIngest> cameras;

    public IngestMetrics(List<CameraIngest> cameras) {
        this.cameras = List.copyOf(cameras);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (CameraIngest c : cameras) {
            String cam = c.name();
            Meters.counter(registry, Metric.CAMERA_FRAMES_DECODED, c, i -> i.stats().framesDecoded(), "camera", cam);
            Meters.counter(registry, Metric.CAMERA_FRAMES_DROPPED, c, i -> i.stats().framesDropped(), "camera", cam);
            Meters.counter(registry, Metric.CAMERA_DECODE_ERRORS, c, i -> i.stats().decodeErrors(), "camera", cam);
            Meters.counter(registry, Metric.CAMERA_RECONNECTS, c, i -> i.stats().reconnects(), "camera", cam);
            for (IngestState s : IngestState.values()) {
                Meters.gauge(registry, Metric.CAMERA_STATE, c, i -> i.status().state() == s ? 1 : 0,
                        "camera", cam, "state", s.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
