package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Discovery configs for enabled cameras only, default labels when none are configured, state kept by events. */
class HomeAssistantSetupTest {
    private final Map<String, String> retained = new LinkedHashMap<>();
    private final MqttTopics topics = new MqttTopics("edgewatch", "gate");

    private static EdgewatchConfig config(String yaml) throws Exception {
        return new ConfigLoader(Map.of(), Path.of("/tmp"), p -> true).parse(yaml, "t.yaml");
    }

    private void retain(String topic, byte[] payload) {
        retained.put(topic, new String(payload, StandardCharsets.UTF_8));
    }

    @Test
    void defaultLabelsForEnabledCamerasAndStateFollowsEvents() throws Exception {
        Consumer<DetectionEvent> counts = HomeAssistantSetup.announce(config("""
                device: {name: gate}
                cameras:
                  - {name: yard, url: rtsp://cam/1}
                  - {name: shed, url: rtsp://cam/2, enabled: false}
                """), topics, this::retain);

        assertThat(retained.keySet()).filteredOn(t -> t.startsWith(HomeAssistant.PREFIX + "/"))
                .hasSize(2 * HomeAssistantSetup.DEFAULT_LABELS.size())
                .allMatch(t -> t.contains("/yard_"))
                .contains("homeassistant/sensor/edgewatch_gate/yard_cat_count/config");
        assertThat(retained).containsEntry("edgewatch/gate/yard/state", "{\"car\":0,\"cat\":0,\"dog\":0,\"person\":0}")
                .doesNotContainKey("edgewatch/gate/shed/state");

        EventFactory f = EventFixtures.factory("gate");
        counts.accept(f.create(EventType.NEW, "1", "yard", EventFixtures.T0, EventFixtures.FRAME,
                EventFixtures.person(0.9f), EventFixtures.MODEL));
        assertThat(retained).containsEntry("edgewatch/gate/yard/state", "{\"car\":0,\"cat\":0,\"dog\":0,\"person\":1}");
    }

    @Test
    void configuredLabelsReplaceTheDefaults() throws Exception {
        HomeAssistantSetup.announce(config("""
                device: {name: gate}
                detect: {labels: [person, bicycle]}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """), topics, this::retain);

        assertThat(retained.keySet()).filteredOn(t -> t.startsWith(HomeAssistant.PREFIX + "/")).hasSize(4)
                .contains("homeassistant/binary_sensor/edgewatch_gate/yard_bicycle_occupancy/config");
        assertThat(retained).containsEntry("edgewatch/gate/yard/state", "{\"bicycle\":0,\"person\":0}");
    }
}
