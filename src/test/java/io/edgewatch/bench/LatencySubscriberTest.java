package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bench subscriber's streaming read of an event's two times, on payloads the daemon's codec writes. */
class LatencySubscriberTest {
    private final JsonFactory json = new JsonFactory();
    private final EventCodec codec = new EventCodec();

    @Test
    void readsFrameAndPublishedTimeOfNewAndUpdateEvents() {
        DetectionEvent e = EventFixtures.sample().withPublishedTime(Instant.parse("2026-03-01T12:00:00.190Z"));
        assertThat(LatencySubscriber.times(json, codec.encodeToString(e)))
                .containsExactly(e.frameTime().toEpochMilli(), e.frameTime().toEpochMilli() + 65);
        DetectionEvent update = EventFixtures.factory("gate-box").create(EventType.UPDATE, "t-1", "yard",
                EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.5f), EventFixtures.MODEL);
        assertThat(LatencySubscriber.times(json, codec.encodeToString(update))).isNotNull();
    }

    @Test
    void endEventsAndOtherPayloadsAreSkipped() {
        DetectionEvent end = EventFixtures.factory("gate-box").create(EventType.END, "t-1", "yard", EventFixtures.T0,
                EventFixtures.FRAME, EventFixtures.person(0.5f), EventFixtures.MODEL);
        assertThat(LatencySubscriber.times(json, codec.encodeToString(end))).isNull();
        assertThat(LatencySubscriber.times(json, "online")).isNull();
        assertThat(LatencySubscriber.times(json, "{\"state\":\"online\"}")).isNull();
        assertThat(LatencySubscriber.times(json, "{\"type\":\"new\",\"frame_time\":\"soon\",\"published_time\":\"x\"}"))
                .isNull();
    }
}
