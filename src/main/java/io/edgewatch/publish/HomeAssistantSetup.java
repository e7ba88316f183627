package io.edgewatch.publish;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.event.DetectionEvent;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Home Assistant from the config: retains the discovery configs of every enabled camera and label, then returns
 * the event consumer that keeps each camera's retained state (object counts) current (docs/mqtt.md).
 */
public final class HomeAssistantSetup {
    /** Labels Home Assistant gets sensors for when detect.labels does not list them. */
    static final List<String> DEFAULT_LABELS = List.of("person", "car", "dog", "cat");

    private HomeAssistantSetup() {
    }

    /**
     * @param retain publishes one retained message (topic, payload); called here for the configs and the first
     *               states, later by the returned consumer on the thread that hands it events
     */
    public static Consumer<DetectionEvent> announce(EdgewatchConfig config, MqttTopics topics,
                                                    BiConsumer<String, byte[]> retain) {
        List<String> cameras = config.cameras().stream().filter(CameraConfig::enabled).map(CameraConfig::name)
                .toList();
        List<String> labels = labels(config);
        new HomeAssistant(topics, config.device().name()).configs(cameras, labels).forEach(retain);
        return new ObjectCounts(cameras, labels, (camera, json) -> retain.accept(topics.state(camera), json));
    }

    static List<String> labels(EdgewatchConfig config) {
        List<String> configured = config.detect().labels();
        return configured.isEmpty() ? DEFAULT_LABELS : configured;
    }
}
