package io.edgewatch.cli;

import io.edgewatch.config.EdgewatchConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Before {@code run} starts anything: the ports the daemon will listen on must be free. The common case is
 * Debian's mosquitto already on 127.0.0.1:1883, where the embedded broker would fail with library noise;
 * here it is one line that says how to use that broker instead.
 */
final class PortCheck {
    private PortCheck() {}

    /** Throws a {@link UserError} naming the key and the way out when a configured port is taken. */
    static void listenPortsFree(EdgewatchConfig c) {
        if (c.mqtt().embedded() && c.mqtt().embeddedPort() != 0 && !free(c.mqtt().embeddedHost(),
                c.mqtt().embeddedPort())) {
            String at = c.mqtt().embeddedHost() + ":" + c.mqtt().embeddedPort();
            throw new UserError("mqtt.embedded_port: " + at + " is already in use, so the embedded MQTT broker"
                    + " cannot start (another broker, e.g. mosquitto, listening there?); to publish to that broker"
                    + " set mqtt.url: tcp://" + at + ", or set mqtt.embedded_port to a free port");
        }
        if (c.metrics().enabled() && c.metrics().port() != 0 && !free(c.metrics().host(), c.metrics().port())) {
            throw new UserError("metrics.port: " + c.metrics().host() + ":" + c.metrics().port()
                    + " is already in use (another edgewatch running?); set metrics.port to a free port or 0");
        }
    }

    static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
