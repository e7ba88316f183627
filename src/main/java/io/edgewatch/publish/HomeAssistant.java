package io.edgewatch.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Home Assistant MQTT discovery: per camera and label a binary_sensor (object present) and a sensor (object
 * count), both reading the retained per-camera state topic and wired to the availability topic, under
 * {@code <prefix>/<component>/edgewatch_<device>/<camera>_<label id>_<kind>/config} (retained). Labels may contain
 * spaces ({@code traffic light}): ids use {@link #objectId}, templates read the state key by subscript.
 */
public final class HomeAssistant {
    public static final String PREFIX = "homeassistant";
    private final ObjectMapper json = new ObjectMapper();
    private final MqttTopics topics;
    private final String device;
    private final String prefix;
    private final String swVersion;

    public HomeAssistant(MqttTopics topics, String device) {
        this(topics, device, PREFIX, "dev");
    }

    /**
     * @param prefix    HA's discovery prefix ({@code homeassistant.prefix})
     * @param swVersion the running build, shown by HA as the device's firmware and the origin's version
     */
    public HomeAssistant(MqttTopics topics, String device, String prefix, String swVersion) {
        this.topics = topics;
        this.device = device;
        this.prefix = prefix;
        this.swVersion = swVersion;
    }

    /** HA accepts object ids of {@code [a-zA-Z0-9_-]} only: anything else (a space) becomes {@code _}. */
    public static String objectId(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    /** Discovery topic to retained JSON payload, in a stable order. */
    public Map<String, byte[]> configs(List<String> cameras, List<String> labels) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String camera : cameras) {
            for (String label : labels) {
                String id = objectId(camera) + "_" + objectId(label);
                String count = "(value_json['" + label + "'] | default(0) | int)";
                ObjectNode occupancy = base(camera, label, id + "_occupancy", camera + " " + label);
                occupancy.put("device_class", "occupancy");
                occupancy.put("value_template", "{{ 'ON' if " + count + " > 0 else 'OFF' }}");
                out.put(topic("binary_sensor", id + "_occupancy"), bytes(occupancy));
                ObjectNode counter = base(camera, label, id + "_count", camera + " " + label + " count");
                counter.put("state_class", "measurement");
                counter.put("unit_of_measurement", "objects");
                counter.put("value_template", "{{ " + count + " }}");
                out.put(topic("sensor", id + "_count"), bytes(counter));
            }
        }
        return out;
    }

    private ObjectNode base(String camera, String label, String objectId, String name) {
        ObjectNode n = json.createObjectNode();
        n.put("name", name);
        n.put("unique_id", "edgewatch_" + device + "_" + objectId);
        n.put("object_id", "edgewatch_" + device + "_" + objectId);
        n.put("state_topic", topics.state(camera));
        n.put("availability_topic", topics.availability());
        n.put("payload_available", MqttPublisher.ONLINE);
        n.put("payload_not_available", MqttPublisher.OFFLINE);
        ObjectNode dev = n.putObject("device");
        dev.putArray("identifiers").add("edgewatch_" + device);
        dev.put("name", "edgewatch " + device);
        dev.put("manufacturer", "edgewatch");
        dev.put("model", "edge video analytics gateway");
        dev.put("sw_version", swVersion);
        ObjectNode origin = n.putObject("origin");
        origin.put("name", "edgewatch");
        origin.put("sw_version", swVersion);
        // no "url": the project publishes no home page (pom.xml has no <url>), and HA links whatever is given
        n.put("icon", label.equals("person") ? "mdi:account" : "mdi:eye");
        return n;
    }

    private String topic(String component, String objectId) {
        return prefix + "/" + component + "/edgewatch_" + device + "/" + objectId + "/config";
    }

    private byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
