package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
