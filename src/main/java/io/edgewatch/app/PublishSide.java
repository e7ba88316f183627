package io.edgewatch.app;

import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.metrics.BuildInfo;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.publish.EmbeddedBroker;
import io.edgewatch.publish.HomeAssistantSetup;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.util.TimeSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where events go: the durable outbox (opened once, kept for the whole run), the broker (embedded unless
 * configured) and the publisher on it. A reload that changes {@code mqtt} builds a new publisher on the same
 * outbox, switches the detect thread to it between two frames, then closes the old one without closing the
 * outbox: what the old connection had not delivered is sent by the new one, so no event is lost.
 */
final class PublishSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PublishSide.class);

    private final TimeSource time;
    private final Outbox outbox;
    private EmbeddedBroker broker;
    private volatile String brokerUrl;
    private volatile MqttPublisher publisher;
    /** Discovery and per-camera states; retains through whichever publisher is current. */
    private HomeAssistantSetup homeAssistant;
    /** Home Assistant states, event counters, then the publisher; read by the detect thread. */
    private final Consumer<DetectionEvent> out;

    PublishSide(EdgewatchConfig config, TimeSource time, Consumer<DetectionEvent> eventCounters) {
        this.time = time;
        this.outbox = Outbox.open(config.mqtt().outboxPath(),
                new OutboxLimits(config.mqtt().outboxMaxEvents(), config.mqtt().outboxMaxAge(),
                        config.mqtt().outboxMaxBytes(), OutboxLimits.DEFAULT_MIN_FREE, OutboxLimits.DEFAULT_SPILL), time);
        log.info("outbox {}: {} event(s) waiting from the last run", config.mqtt().outboxPath(), outbox.size());
        try {
            brokerUrl = startBroker(config.mqtt());
            publisher = newPublisher(config, brokerUrl);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        publisher.start();
        // Remembers what it announced next to the outbox, to clear removed cameras/labels after a restart.
        homeAssistant = HomeAssistantSetup.start(config, publisher.topics(), BuildInfo.current().toString(),
                config.mqtt().outboxPath().resolveSibling(HomeAssistantSetup.ANNOUNCED_FILE),
                (topic, payload) -> this.publisher.retain(topic, payload));
        out = homeAssistant.counts().andThen(eventCounters).andThen(e -> this.publisher.publish(e));
    }

    Outbox outbox() {
        return outbox;
    }

    MqttPublisher publisher() {
        return publisher;
    }

    String brokerUrl() {
        return brokerUrl;
    }

    /** The stage's output: always the current publisher. */
    Consumer<DetectionEvent> sink() {
        return e -> out.accept(e);
    }

    /** Announces new cameras/labels to Home Assistant and clears the ones that are gone. */
    void reannounce(EdgewatchConfig next) {
        homeAssistant.reconfigure(next);
    }

    /** New broker (if embedded and moved) and publisher on the kept outbox; the old one is closed after the switch. */
    void reconnect(EdgewatchConfig old, EdgewatchConfig next, DetectLoop loop) {
        EmbeddedBroker oldBroker = broker;
        boolean newBroker = brokerChanged(old.mqtt(), next.mqtt());
        String url = newBroker ? startBroker(next.mqtt()) : brokerUrl;
        MqttPublisher fresh = newPublisher(next, url);
        fresh.start();
        MqttPublisher previous = publisher;
        LiveConfig.await(loop.betweenPasses(() -> publisher = fresh));
        homeAssistant.reconfigure(next); // the new connection starts with no retained state
        brokerUrl = url;
        previous.closeKeepingOutbox();
        if (newBroker && oldBroker != null) {
            oldBroker.stop();
        }
        log.info("MQTT reconnected to {} ({} event(s) waiting in the outbox)", url, outbox.size());
    }

    private static boolean brokerChanged(MqttConfig a, MqttConfig b) {
        return !a.url().equals(b.url()) || (b.embedded() && (!a.embeddedHost().equals(b.embeddedHost())
                || a.embeddedPort() != b.embeddedPort()));
    }

    private MqttPublisher newPublisher(EdgewatchConfig config, String url) {
        return new MqttPublisher(config.mqtt(), config.device().name(), url, PublisherSettings.defaults(),
                new EventCodec(), time, outbox);
    }

    private String startBroker(MqttConfig mqtt) {
        if (!mqtt.embedded()) {
            broker = null;
            return mqtt.url();
        }
        EmbeddedBroker b = new EmbeddedBroker(mqtt.embeddedHost(), mqtt.embeddedPort());
        b.start();
        broker = b;
        log.info("embedded MQTT broker listening on {}", b.url());
        return b.url();
    }

    /** Flush, offline, disconnect, close the outbox (the publisher owns it at the end), stop the broker. */
    void closePublisher() {
        MqttPublisher p = publisher;
        if (p != null) {
            p.close();
        } else {
            outbox.close();
        }
    }

    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Override
    public void close() {
        closePublisher();
        stopBroker();
    }
}
