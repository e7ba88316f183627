package io.edgewatch.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant MQTT discovery: per camera and label a binary_sensor (object present) and a sensor (object
 * count), both reading the retained per-camera state topic and wired to the availability topic, under
 * {@code homeassistant/<component>/edgewatch_<device>/<camera>_<label>_<kind>/config} (retained).
 */
public final class HomeAssistant {
    public static final String PREFIX = "homeassistant";
    private final ObjectMapper json = new ObjectMapper();
    private final MqttTopics topics;
    private final String device;

    public HomeAssistant(MqttTopics topics, String device) {
        this.topics = topics;
        this.device = device;
    }

    /** Discovery topic to retained JSON payload, in a stable order. */
    public Map<String, byte[]> configs(List<String> cameras, List<String> labels) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String camera : cameras) {
            for (String label : labels) {
                String id = camera + "_" + label;
                ObjectNode occupancy = base(camera, label, id + "_occupancy", camera + " " + label);
                occupancy.put("device_class", "occupancy");
                occupancy.put("value_template",
                        "{{ 'ON' if (value_json." + label + " | default(0) | int) > 0 else 'OFF' }}");
                out.put(topic("binary_sensor", id + "_occupancy"), bytes(occupancy));
                ObjectNode count = base(camera, label, id + "_count", camera + " " + label + " count");
                count.put("state_class", "measurement");
                count.put("unit_of_measurement", "objects");
                count.put("value_template", "{{ value_json." + label + " | default(0) | int }}");
                out.put(topic("sensor", id + "_count"), bytes(count));
            }
        }
        return out;
    }

    private ObjectNode base(String camera, String label, String objectId, String name) {
        ObjectNode n = json.createObjectNode();
        n.put("name", name);
        n.put("unique_id", "edgewatch_" + device + "_" + objectId);
        n.put("state_topic", topics.state(camera));
        n.put("availability_topic", topics.availability());
        n.put("payload_available", MqttPublisher.ONLINE);
        n.put("payload_not_available", MqttPublisher.OFFLINE);
        ObjectNode dev = n.putObject("device");
        dev.putArray("identifiers").add("edgewatch_" + device);
        dev.put("name", "edgewatch " + device);
        dev.put("manufacturer", "edgewatch");
        dev.put("model", "edge video analytics gateway");
        n.put("icon", label.equals("person") ? "mdi:account" : "mdi:eye");
        return n;
    }

    private String topic(String component, String objectId) {
        return PREFIX + "/" + component + "/edgewatch_" + device + "/" + objectId + "/config";
    }

    private byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
