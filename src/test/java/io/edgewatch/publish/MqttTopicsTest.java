package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    @Test
    void buildsTheDocumentedLayout() {
        MqttTopics t = new MqttTopics("home/edgewatch", "gatehouse");
        assertThat(t.availability()).isEqualTo("home/edgewatch/gatehouse/availability");
        assertThat(t.events("front_door")).isEqualTo("home/edgewatch/gatehouse/front_door/events");
        assertThat(t.state("front_door")).isEqualTo("home/edgewatch/gatehouse/front_door/state");
        assertThat(t.snapshot("front_door")).isEqualTo("home/edgewatch/gatehouse/front_door/snapshot");
        assertThat(t.deviceFilter()).isEqualTo("home/edgewatch/gatehouse/#");
    }

    @Test
    void rejectsWildcardsAndSeparators() {
        assertThatThrownBy(() -> new MqttTopics("edgewatch/#", "d")).hasMessageContaining("topicPrefix");
        assertThatThrownBy(() -> new MqttTopics("/edgewatch", "d")).hasMessageContaining("topicPrefix");
        assertThatThrownBy(() -> new MqttTopics("edgewatch", "a/b")).hasMessageContaining("device");
        assertThatThrownBy(() -> new MqttTopics("edgewatch", "d").events("+")).hasMessageContaining("camera");
    }

    @Test
    void theDocumentedTopicTableIsExactlyWhatTheCodePublishes() throws Exception {
        MqttTopics t = new MqttTopics("edgewatch", "gatehouse");
        List<String> emitted = new ArrayList<>(List.of(t.availability(), t.events("front_door"),
                t.state("front_door"), t.snapshot("front_door")));
        emitted.addAll(new HomeAssistant(t, "gatehouse", "homeassistant", "dev")
                .configs(List.of("front_door"), List.of("traffic light")).keySet());
        assertThat(MqttDocs.topics("edgewatch", "gatehouse", "front_door", "traffic_light", "homeassistant"))
                .containsExactlyInAnyOrderElementsOf(emitted);
    }

    @Test
    void nothingIsDocumentedAsPlannedAnyMore() throws Exception {
        assertThat(MqttDocs.text().toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("planned").doesNotContain("not yet published").doesNotContain("until the tracker");
    }

    @Test
    void theDiscoveryExampleHasExactlyTheFieldsAndValuesTheCodeSends() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(MqttDocs.jsonAfter("For [Home Assistant MQTT discovery]"));
        MqttTopics t = new MqttTopics("edgewatch", "gatehouse");
        String version = doc.get("origin").get("sw_version").asText();
        byte[] sent = new HomeAssistant(t, "gatehouse", "homeassistant", version)
                .configs(List.of("front_door"), List.of("traffic light"))
                .get("homeassistant/binary_sensor/edgewatch_gatehouse/front_door_traffic_light_occupancy/config");
        assertThat(doc).isEqualTo(json.readTree(sent));
    }
}
