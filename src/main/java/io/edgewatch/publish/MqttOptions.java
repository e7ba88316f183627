package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paho connection options and teardown shared by the publisher and the subscriber. */
final class MqttOptions {
    private static final Logger LOG = LoggerFactory.getLogger(MqttOptions.class);

    private MqttOptions() {}

    /** Reconnects are done by the caller (with jitter, never after close), so Paho's own is off. */
    static MqttConnectionOptions build(MqttConfig config, PublisherSettings settings, String willTopic) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setCleanStart(true);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        if (config.username() != null && !config.username().isEmpty()) {
            o.setUserName(config.username());
        }
        if (config.password() != null && !config.password().isEmpty()) {
            o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        if (config.security().hasTlsFiles()) {
            o.setSocketFactory(TlsSockets.factory(config.security()));
        }
        if (willTopic != null) {
            o.setWill(willTopic, new MqttMessage(MqttPublisher.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true,
                    null));
        }
        return o;
    }

    /** Releases the client; {@code forcibly} drops the socket without a DISCONNECT (the broker then sends the LWT). */
    static void closeQuietly(MqttAsyncClient client, boolean forcibly) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, !forcibly);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client {}: {}", client.getClientId(), e.toString());
        }
    }
}
