package io.edgewatch.config;

/**
 * Home Assistant MQTT discovery.
 *
 * @param enabled false = announce no sensors (and clear those announced before); the state topics stay
 * @param prefix  HA's discovery prefix (its MQTT integration setting), default {@code homeassistant}
 */
public record HomeAssistantConfig(boolean enabled, String prefix) {
    public static final String DEFAULT_PREFIX = "homeassistant";

    public static HomeAssistantConfig defaults() {
        return new HomeAssistantConfig(true, DEFAULT_PREFIX);
    }
}
