package io.edgewatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventType;
import io.edgewatch.publish.EventSubscriber;
import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The bench's consumer of a probed daemon's events, in the bench's own process as a Home Assistant would be in its
 * own: frame → receive (end to end) and frame → handed to the MQTT client (the publisher stamps published_time on
 * the same clock) per event. Kept out of the daemon's JVM so its decoding, JIT and GC are not counted as the
 * daemon's. Only new/update events carry the frame they were detected on; end events are stamped later.
 *
 * <p>Its own cost is kept small and out of the window: each event is read with Jackson's streaming parser for the
 * three fields it needs, and that code is run (and so compiled) before the first probe, since the bench's JVM
 * compiles with C2 on the same two cores the probed daemon runs on.
 */
final class LatencySubscriber implements AutoCloseable {
    static final String CLIENT_ID = "bench-subscriber";

    private final EventSubscriber subscriber;
    private static final String WARM_UP_EVENT = "{\"type\":\"new\",\"box\":{\"x1\":0.1},\"zones\":[],"
            + "\"frame_time\":\"2026-01-01T00:00:00.125Z\",\"published_time\":\"2026-01-01T00:00:00.140Z\"}";
    private static final int WARM_UP_RUNS = 20_000;
    private final JsonFactory json = new JsonFactory();
    private final TimeSource time = TimeSource.monotonicWall();
    private final Samples endToEnd = new Samples();
    private final Samples toPublish = new Samples();
    private volatile Runnable onEvent = () -> { };

    LatencySubscriber(MqttConfig config, String brokerUrl) throws MqttException {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            times(json, WARM_UP_EVENT);
        }
        subscriber = EventSubscriber.allTopics(config, brokerUrl, CLIENT_ID, this::onMessage);
        subscriber.start(10_000);
    }

    /** Forgets what arrived so far: the measuring window starts. */
    void reset() {
        endToEnd.reset();
        toPublish.reset();
    }

    /** Called on the subscriber's thread after each new/update event is recorded. */
    void onEvent(Runnable action) {
        this.onEvent = action;
    }

    long[] endToEndNanos() {
        return endToEnd.get();
    }

    long[] frameToPublishNanos() {
        return toPublish.get();
    }

    private void onMessage(EventSubscriber.Received m) {
        if (m.retained() || !m.topic().contains("/events")) {
            return;
        }
        long now = time.now().toEpochMilli();
        long[] t = times(json, m.payload());
        if (t != null) {
            endToEnd.add((now - t[0]) * 1_000_000L);
            toPublish.add((t[1] - t[0]) * 1_000_000L);
            onEvent.run();
        }
    }

    /** {@code [frame_time, published_time]} in epoch ms of a new/update event, or null (end events, not an event). */
    static long[] times(JsonFactory json, String payload) {
        String type = null;
        String frame = null;
        String published = null;
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = p.getValueAsString();
                    case "frame_time" -> frame = p.getValueAsString();
                    case "published_time" -> published = p.getValueAsString();
                    default -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (type == null || frame == null || published == null || EventType.END.wire().equals(type)) {
                return null;
            }
            return new long[] {Instant.parse(frame).toEpochMilli(), Instant.parse(published).toEpochMilli()};
        } catch (IOException | DateTimeParseException e) {
            return null; // not an event
        }
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
