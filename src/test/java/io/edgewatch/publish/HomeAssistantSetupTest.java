package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.CocoNames;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery configs for enabled cameras only, valid for every COCO label, switchable and re-prefixable; what is no
 * longer wanted (after a reload or a restart) is cleared with an empty retained payload; state kept by events.
 */
class HomeAssistantSetupTest {
    /** HA's rule for object ids and the discovery topic's node id. */
    private static final String ID = "[a-zA-Z0-9_-]+";
    private static final Pattern TOPIC = Pattern.compile(
            "homeassistant/(binary_sensor|sensor)/(" + ID + ")/(" + ID + ")/config");
    /** Every way our templates may read the state: attribute (identifier) or subscript with a plain string. */
    private static final Pattern ACCESS = Pattern.compile(
            "value_json(?:\\.([A-Za-z_][A-Za-z0-9_]*)\\b|\\['([^'\\\\]+)'\\])");

    private final Map<String, String> retained = new LinkedHashMap<>();
    private final MqttTopics topics = new MqttTopics("edgewatch", "gate");
    private final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path state;

    private static EdgewatchConfig config(String yaml) throws Exception {
        return new ConfigLoader(Map.of(), Path.of("/tmp"), p -> true).parse(yaml, "t.yaml");
    }

    private void retain(String topic, byte[] payload) {
        retained.put(topic, new String(payload, StandardCharsets.UTF_8));
    }

    private Map<String, String> discovery() {
        Map<String, String> out = new LinkedHashMap<>();
        retained.forEach((t, p) -> {
            if (!t.startsWith("edgewatch/")) {
                out.put(t, p);
            }
        });
        return out;
    }

    @Test
    void everyCocoLabelGivesValidIdsAndTemplatesThatReadItsStateKey() throws Exception {
        assertThat(CocoNames.LABELS).hasSize(80).anyMatch(l -> l.contains(" "));
        HomeAssistantSetup.announce(config("device: {name: gate}\ndetect: {labels: [" + String.join(", ",
                CocoNames.LABELS) + "]}\ncameras: [{name: yard, url: rtsp://cam/1}]"), topics, this::retain);
        JsonNode state = json.readTree(retained.get("edgewatch/gate/yard/state"));
        Set<String> ids = new HashSet<>();
        Set<String> keysRead = new HashSet<>();
        for (Map.Entry<String, String> e : discovery().entrySet()) {
            Matcher topic = TOPIC.matcher(e.getKey());
            assertThat(topic.matches()).as(e.getKey()).isTrue();
            JsonNode c = json.readTree(e.getValue());
            assertThat(c.get("object_id").asText()).matches(ID);
            assertThat(c.get("unique_id").asText()).matches(ID);
            assertThat(ids.add(c.get("unique_id").asText())).as("unique: " + c.get("unique_id")).isTrue();
            String template = c.get("value_template").asText();
            assertThat(template).startsWith("{{ ").endsWith(" }}");
            Matcher access = ACCESS.matcher(template);
            int reads = 0;
            while (access.find()) {
                reads++;
                String key = access.group(1) != null ? access.group(1) : access.group(2);
                assertThat(state.has(key)).as(template + " reads a key of " + state).isTrue();
                keysRead.add(key);
            }
            assertThat(reads).as(template).isEqualTo(1)
                    .isEqualTo(template.split("value_json", -1).length - 1);   // no other, unchecked access
        }
        assertThat(ids).hasSize(2 * 80);
        assertThat(keysRead).containsExactlyInAnyOrderElementsOf(CocoNames.LABELS);
        assertThat(retained).containsKey("homeassistant/binary_sensor/edgewatch_gate/yard_traffic_light_occupancy/config");
        assertThat(retained.get("homeassistant/sensor/edgewatch_gate/yard_traffic_light_count/config"))
                .contains("value_json['traffic light']");
    }

    @Test
    void configsNameTheOriginAndTheSoftwareVersion() throws Exception {
        HomeAssistantSetup.start(config("device: {name: gate}\ncameras: [{name: yard, url: rtsp://cam/1}]"), topics,
                "1.2.3 (commit abcdef123456)", null, this::retain);
        JsonNode c = json.readTree(retained.get("homeassistant/sensor/edgewatch_gate/yard_person_count/config"));
        assertThat(c.get("origin").get("name").asText()).isEqualTo("edgewatch");
        assertThat(c.get("origin").get("sw_version").asText()).isEqualTo("1.2.3 (commit abcdef123456)");
        // no home page to link to (pom.xml has no <url>): no invented one either
        assertThat(c.get("origin").has("url")).isFalse();
        assertThat(c.get("device").get("sw_version").asText()).isEqualTo("1.2.3 (commit abcdef123456)");
    }

    @Test
    void defaultLabelsForEnabledCamerasAndStateFollowsEvents() throws Exception {
        Consumer<DetectionEvent> counts = HomeAssistantSetup.announce(config("""
                device: {name: gate}
                cameras:
                  - {name: yard, url: rtsp://cam/1}
                  - {name: shed, url: rtsp://cam/2, enabled: false}
                """), topics, this::retain);

        assertThat(discovery().keySet()).hasSize(2 * HomeAssistantSetup.DEFAULT_LABELS.size())
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
    void switchedOffOrUnderAnotherPrefix() throws Exception {
        HomeAssistantSetup.announce(config("""
                device: {name: gate}
                homeassistant: {prefix: ha/discovery}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """), topics, this::retain);
        assertThat(discovery().keySet()).hasSize(8).allMatch(t -> t.startsWith("ha/discovery/"));

        retained.clear();
        HomeAssistantSetup.announce(config("""
                device: {name: gate}
                homeassistant: {enabled: false}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """), topics, this::retain);
        assertThat(discovery()).isEmpty();
        assertThat(retained).containsKey("edgewatch/gate/yard/state");
    }

    @Test
    void reloadAnnouncesNewLabelsAndClearsRemovedOnes() throws Exception {
        HomeAssistantSetup ha = HomeAssistantSetup.start(config("""
                device: {name: gate}
                detect: {labels: [person, traffic light]}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """), topics, "dev", null, this::retain);
        retained.clear();
        ha.reconfigure(config("""
                device: {name: gate}
                detect: {labels: [person, stop sign]}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """));
        assertThat(retained.get("homeassistant/binary_sensor/edgewatch_gate/yard_traffic_light_occupancy/config"))
                .isEmpty();
        assertThat(retained.get("homeassistant/sensor/edgewatch_gate/yard_traffic_light_count/config")).isEmpty();
        assertThat(retained.get("homeassistant/sensor/edgewatch_gate/yard_stop_sign_count/config")).isNotEmpty();
        assertThat(retained.get("homeassistant/sensor/edgewatch_gate/yard_person_count/config")).isNotEmpty();
        assertThat(retained.get("edgewatch/gate/yard/state")).contains("\"stop sign\":0");
    }

    @Test
    void aRestartClearsWhatThePreviousRunAnnouncedAndNoLongerWants() throws Exception {
        Path file = state.resolve(HomeAssistantSetup.ANNOUNCED_FILE);
        HomeAssistantSetup.start(config("""
                device: {name: gate}
                detect: {labels: [person, car]}
                cameras: [{name: yard, url: rtsp://cam/1}, {name: shed, url: rtsp://cam/2}]
                """), topics, "dev", file, this::retain);
        retained.clear();
        HomeAssistantSetup.start(config("""
                device: {name: gate}
                detect: {labels: [person]}
                cameras: [{name: yard, url: rtsp://cam/1}]
                """), topics, "dev", file, this::retain);
        List<String> cleared = discovery().entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        assertThat(cleared).hasSize(6).noneMatch(t -> t.contains("yard_person"));
        assertThat(discovery()).hasSize(8);
        assertThat(java.nio.file.Files.readAllLines(file)).hasSize(2).allMatch(t -> t.contains("/yard_person_"));
    }
}
