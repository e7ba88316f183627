package io.edgewatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A plain Paho v5 subscriber that records every message, for asserting what really reached the broker. */
public final class MqttProbe implements AutoCloseable {
    /** One received message. */
    public record Message(String topic, String payload, boolean retained) {}

    private final MqttClient client;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private MqttConnectionOptions durableOptions;

    private MqttProbe(String url, String filter, String username, String password) throws MqttException {
        client = new MqttClient(url, "probe-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}, new org.eclipse.paho.mqttv5.client
                .IMqttMessageListener[] {(topic, m) -> messages.add(new Message(topic,
                new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()))});
    }

    /**
     * A subscriber with a persistent session (clean start off, 1 h expiry): after a broker restart call
     * {@link #reconnect()}; with {@link Mosquitto#startPersistent()} it then receives what was published while it
     * was disconnected.
     */
    public static MqttProbe durable(String url, String filter) throws MqttException {
        return new MqttProbe(url, filter);
    }

    public static MqttProbe subscribe(String url, String filter) throws MqttException {
        return new MqttProbe(url, filter, null, null);
    }

    public static MqttProbe subscribe(String url, String filter, String username, String password)
            throws MqttException {
        return new MqttProbe(url, filter, username, password);
    }

    private MqttProbe(String url, String filter) throws MqttException {
        client = new MqttClient(url, "durable-probe-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        o.setConnectionTimeout(5);
        client.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                messages.add(new Message(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
            }

            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
        });
        durableOptions = o;
        client.connect(o);
        client.subscribe(filter, 1);
    }

    /** Durable probe only: resumes the persistent session (waits until the old connection is seen as lost). */
    public void reconnect() throws MqttException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (client.isConnected() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        client.connect(durableOptions);
    }

    public boolean connected() {
        return client.isConnected();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<Message> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    public List<String> payloadsOn(String topic) {
        return on(topic).stream().map(Message::payload).toList();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } finally {
            client.close(true);
        }
    }
}
