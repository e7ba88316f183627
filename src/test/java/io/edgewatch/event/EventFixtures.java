package io.edgewatch.event;

import io.edgewatch.detect.Detection;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic events for tests: counting UUIDs, fixed clock. */
public final class EventFixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.125Z");
    public static final DetectionEvent.ModelRef MODEL =
            new DetectionEvent.ModelRef("nanodet-m-416-int8.onnx", "0123456789abcdef".repeat(4));
    public static final DetectionEvent.FrameSize FRAME = new DetectionEvent.FrameSize(768, 576);

    private EventFixtures() {}

    public static EventFactory factory(String device) {
        AtomicLong n = new AtomicLong();
        return new EventFactory(device, () -> new UUID(0x1234L, n.incrementAndGet()),
                new FakeTime(T0.plusMillis(40)), new SequenceCounter());
    }

    public static Detection person(float score) {
        return new Detection(0, "person", score, 0.1f, 0.2f, 0.35f, 0.9f);
    }

    public static DetectionEvent sample() {
        return factory("gate-box").newEvent("front_door", T0, FRAME, person(0.87f), MODEL);
    }
}
