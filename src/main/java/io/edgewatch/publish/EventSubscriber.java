package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to a topic filter (default {@code {prefix}/#}) and hands every message to a consumer on Paho's
 * callback thread, e.g. for {@code edgewatch run --print-events}. Reconnects by itself and subscribes again.
 */
public final class EventSubscriber implements AutoCloseable {
    /** One received message; the payload is decoded as UTF-8. */
    public record Received(String topic, String payload, boolean retained) {}

    private static final Logger LOG = LoggerFactory.getLogger(EventSubscriber.class);
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String filter;
    private final Consumer<Received> consumer;
    /** Set by {@link #close()}: the disconnect that follows is ours, not news. */
    private volatile boolean closing;

    public EventSubscriber(MqttConfig config, String serverUri, String clientId, String filter,
                           Consumer<Received> consumer) {
        Objects.requireNonNull(config, "config must not be null");
        if (filter == null || filter.isBlank()) {
            throw new IllegalArgumentException("filter must not be blank");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        this.filter = filter;
        this.consumer = Objects.requireNonNull(consumer, "consumer must not be null");
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid MQTT server URI " + serverUri + ": " + e.getMessage(), e);
        }
        this.options = MqttOptions.build(config, PublisherSettings.defaults(), null);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setSessionExpiryInterval(0L);
        client.setCallback(new Callback());
    }

    /** Everything under the configured prefix. */
    public static EventSubscriber allTopics(MqttConfig config, String serverUri, String clientId,
                                            Consumer<Received> consumer) {
        return new EventSubscriber(config, serverUri, clientId, config.topicPrefix() + "/#", consumer);
    }

    /** Connects and subscribes, waiting at most {@code timeoutMillis} for each step. */
    public void start(long timeoutMillis) throws MqttException {
        client.connect(options).waitForCompletion(timeoutMillis);
        client.subscribe(filter, 1).waitForCompletion(timeoutMillis);
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("subscriber disconnect: {}", e.toString());
        }
        MqttOptions.closeQuietly(client, true);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                consumer.accept(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.isRetained()));
            } catch (RuntimeException e) {
                LOG.warn("event consumer failed on {}: {}", topic, e.toString());
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                try {
                    client.subscribe(filter, 1);
                } catch (MqttException e) {
                    LOG.warn("re-subscribe to {} failed: {}", filter, e.toString());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (closing) {
                LOG.debug("subscriber disconnected while closing: {}", response.getReasonString());
            } else {
                LOG.info("subscriber disconnected: {}", response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("subscriber error: {}", e.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
