package io.edgewatch.watch;

import io.edgewatch.publish.TlsSockets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watcher's MQTT connection: QoS 1 subscriptions to every box's events (optionally as a shared-group member)
 * and availability, Paho's reconnect on, and an optional persistent session so nothing queued for this member is
 * lost while it is away. Messages go to a {@link Handler} (normally a {@link Watcher}) on Paho's callback thread; Paho acknowledges a QoS 1
 * message only after the handler returned.
 */
public final class WatchClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchClient.class);
    private final WatchSettings settings;
    private final Handler handler;
    private final Supplier<Instant> clock;
    private final MqttAsyncClient client;
    private volatile boolean sessionResumed;

    /** Receives every message (on Paho's callback thread); {@link Watcher#onMessage} is one. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(String topic, byte[] payload, Instant receivedAt);
    }

    public WatchClient(WatchSettings settings, Handler handler, Supplier<Instant> clock) {
        this.settings = settings;
        this.handler = handler;
        this.clock = clock;
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid MQTT server URI " + settings.serverUri() + ": "
                    + e.getMessage(), e);
        }
        client.setCallback(new Callback());
    }

    /** Connects and subscribes, waiting at most {@code timeoutMillis} per step. */
    public void start(long timeoutMillis) throws MqttException {
        IMqttToken connected = client.connect(options());
        connected.waitForCompletion(timeoutMillis);
        sessionResumed = connected.getSessionPresent();
        if (!sessionResumed) {
            subscribe().waitForCompletion(timeoutMillis);
        }
    }

    /** The broker still had this client id's session (subscriptions and queued messages) at the last connect. */
    public boolean sessionResumed() {
        return sessionResumed;
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Drops the TCP connection without DISCONNECT, as a crash would; the broker keeps a persistent session. */
    public void crash() {
        try {
            client.disconnectForcibly(0, 1000, false);
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("crash of {}: {}", settings.clientId(), e.toString());
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing {}: {}", settings.clientId(), e.toString());
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        long expiry = settings.sessionExpiry().toSeconds();
        o.setCleanStart(expiry == 0);
        o.setSessionExpiryInterval(expiry);
        o.setKeepAliveInterval(30);
        if (settings.username() != null && !settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null && !settings.password().isEmpty()) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.security().hasTlsFiles()) {
            o.setSocketFactory(TlsSockets.factory(settings.security()));
        }
        return o;
    }

    private IMqttToken subscribe() throws MqttException {
        return client.subscribe(new MqttSubscription[] {new MqttSubscription(settings.eventsFilter(), 1),
                new MqttSubscription(settings.availabilityFilter(), 1)});
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handler.onMessage(topic, message.getPayload(), clock.get());
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                // A resumed session keeps its subscriptions; subscribing again is harmless and covers a lost one.
                try {
                    subscribe();
                } catch (MqttException e) {
                    LOG.warn("re-subscribe of {} failed: {}", settings.clientId(), e.toString());
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.info("watcher {} disconnected: {}", settings.clientId(), response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("watcher {}: {}", settings.clientId(), e.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
