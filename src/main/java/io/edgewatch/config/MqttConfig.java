package io.edgewatch.config;

/**
 * @param url          broker URL (tcp://host:port or ssl://host:port); empty = start the embedded broker
 * @param embeddedHost bind address of the embedded broker (default 127.0.0.1)
 * @param embeddedPort port of the embedded broker (default 1883; 0 = any free port)
 * @param topicPrefix  first topic level, default "edgewatch"
 * @param clientId     MQTT client id; empty = "edgewatch-" + device name
 * @param username     optional, may come from ${ENV}
 * @param password     optional, may come from ${ENV}
 * @param qos          0 or 1 for events
 */
public record MqttConfig(String url, String embeddedHost, int embeddedPort, String topicPrefix, String clientId,
                         String username, String password, int qos) {
    public boolean embedded() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return "MqttConfig[url=" + url + ", topicPrefix=" + topicPrefix + ", clientId=" + clientId
                + ", username=" + username + ", password=" + (password == null || password.isEmpty() ? "" : "***") + "]";
    }
}
