package io.edgewatch.bench;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventType;
import io.edgewatch.publish.EventSubscriber;
import io.edgewatch.util.TimeSource;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The bench's consumer of a probed daemon's events, in the bench's own process as a Home Assistant would be in its
 * own: frame → receive (end to end) and frame → handed to the MQTT client (the publisher stamps published_time on
 * the same clock) per event. Kept out of the daemon's JVM so its decoding, JIT and GC are not counted as the
 * daemon's. Only new/update events carry the frame they were detected on; end events are stamped later.
 */
final class LatencySubscriber implements AutoCloseable {
    static final String CLIENT_ID = "bench-subscriber";

    private final EventSubscriber subscriber;
    private final EventCodec codec = new EventCodec();
    private final TimeSource time = TimeSource.monotonicWall();
    private final Samples endToEnd = new Samples();
    private final Samples toPublish = new Samples();

    LatencySubscriber(MqttConfig config, String brokerUrl) throws MqttException {
        subscriber = EventSubscriber.allTopics(config, brokerUrl, CLIENT_ID, this::onMessage);
        subscriber.start(10_000);
    }

    /** Forgets what arrived so far: the measuring window starts. */
    void reset() {
        endToEnd.reset();
        toPublish.reset();
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
        try {
            DetectionEvent ev = codec.decode(m.payload());
            if (ev.type() != EventType.END) {
                endToEnd.add((now - ev.frameTime().toEpochMilli()) * 1_000_000L);
                toPublish.add((ev.publishedTime().toEpochMilli() - ev.frameTime().toEpochMilli()) * 1_000_000L);
            }
        } catch (IllegalArgumentException e) {
            // not an event (status/health topics)
        }
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
