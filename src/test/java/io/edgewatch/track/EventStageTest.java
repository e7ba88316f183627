package io.edgewatch.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ZoneConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.SequenceCounter;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Filters (score, area, masks) and zones from config reach the events. */
class EventStageTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final DetectionEvent.ModelRef MODEL = new DetectionEvent.ModelRef("m.onnx", "ab".repeat(32));
    private static final List<ZoneConfig.Point> LEFT_HALF = List.of(new ZoneConfig.Point(0, 0),
            new ZoneConfig.Point(0.5, 0), new ZoneConfig.Point(0.5, 1), new ZoneConfig.Point(0, 1));
    private static final List<ZoneConfig.Point> TOP_RIGHT = List.of(new ZoneConfig.Point(0.6, 0),
            new ZoneConfig.Point(1, 0), new ZoneConfig.Point(1, 0.5), new ZoneConfig.Point(0.6, 0.5));

    private final List<DetectionEvent> events = new ArrayList<>();

    private EventStage stage() {
        AtomicLong n = new AtomicLong();
        EventFactory f = new EventFactory("box", () -> new UUID(1, n.incrementAndGet()),
                new FakeTime(T0), new SequenceCounter());
        DetectConfig detect = new DetectConfig(0.4, Map.of(), List.of(), 0.5, Map.of("car", 0.05));
        CameraConfig cam = CameraConfig.builder("yard").url("rtsp://c/s")
                .zones(List.of(new ZoneConfig("lawn", LEFT_HALF))).masks(List.of(TOP_RIGHT)).build();
        return new EventStage(detect, new TrackerSettings(0.3, 2, 2, 0.1, 0.05, 0), f, MODEL, events::add,
                List.of(cam));
    }

    private static VideoFrame frame(int i) {
        return new VideoFrame("yard", i, i * 200_000_000L, T0.plusMillis(200L * i), 64, 48, new byte[64 * 48 * 3]);
    }

    @Test
    void maskedAndTooSmallDetectionsNeverBecomeEventsAndZonesAreCarried() {
        EventStage s = stage();
        Detection person = new Detection(0, "person", 0.9f, 0.1f, 0.3f, 0.3f, 0.9f);     // feet in the lawn
        Detection masked = new Detection(0, "person", 0.9f, 0.7f, 0.1f, 0.8f, 0.4f);     // feet in the mask
        Detection smallCar = new Detection(2, "car", 0.9f, 0.55f, 0.6f, 0.65f, 0.7f);    // area 0.01 < 0.05
        for (int i = 0; i < 3; i++) {
            s.accept(frame(i), List.of(person, masked, smallCar));
        }
        assertThat(events).hasSize(1);
        DetectionEvent e = events.get(0);
        assertThat(e.label()).isEqualTo("person");
        assertThat(e.zones()).containsExactly("lawn");
        assertThat(e.enteredZones()).containsExactly("lawn");
        s.endAll();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).leftZones()).containsExactly("lawn");
        assertThat(events.get(1).zones()).isEmpty();
    }
}
