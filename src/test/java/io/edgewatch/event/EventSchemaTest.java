package io.edgewatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented schema (docs/event.schema.json) and the codec must agree. */
class EventSchemaTest {
    private static JsonSchema schema;
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of("docs/event.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    @Test
    void encodedEventsOfEveryTypeValidate() throws Exception {
        EventFactory f = EventFixtures.factory("gate-box");
        for (EventType type : EventType.values()) {
            DetectionEvent e = f.create(type, type == EventType.NEW ? null : "7", "cam_2", EventFixtures.T0,
                    EventFixtures.FRAME, EventFixtures.person(0.61f), EventFixtures.MODEL);
            assertThat(errors(json.readTree(codec.encode(e)))).as(type.wire()).isEmpty();
        }
    }

    @Test
    void boxAtFrameEdgesValidates() throws Exception {
        DetectionEvent e = EventFixtures.factory("d").newEvent("c", EventFixtures.T0, EventFixtures.FRAME,
                new io.edgewatch.detect.Detection(1, "car", 1f, -0.02f, 0f, 1.03f, 1f), EventFixtures.MODEL);
        assertThat(errors(json.readTree(codec.encode(e)))).isEmpty();
    }

    @Test
    void brokenEventsDoNotValidate() throws Exception {
        JsonNode good = json.readTree(codec.encode(EventFixtures.sample()));
        assertThat(errors(mutate(good, n -> n.remove("event_id")))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.put("schema_version", 2)))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.put("type", "appeared")))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.put("seq", 0)))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.remove("frame_time")))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.put("frame_time", "01/03/2026 12:00")))).isNotEmpty();
        assertThat(errors(mutate(good, n -> ((ObjectNode) n.get("box")).put("x2", 1.2)))).isNotEmpty();
        assertThat(errors(mutate(good, n -> n.put("camera", "front/door")))).isNotEmpty();
        assertThat(errors(mutate(good, n -> ((ObjectNode) n.get("model")).put("sha256", "abc")))).isNotEmpty();
    }

    @Test
    void fieldsAddedLaterDoNotBreakAValidatingConsumer() throws Exception {
        JsonNode good = json.readTree(codec.encode(EventFixtures.sample()));
        assertThat(errors(mutate(good, n -> n.put("speed_kmh", 12.5)))).isEmpty();
        assertThat(errors(mutate(good, n -> ((ObjectNode) n.get("box")).put("rotation", 0)))).isEmpty();
        assertThat(errors(mutate(good, n -> ((ObjectNode) n.get("model")).put("format", "onnx")))).isEmpty();
        assertThat(errors(mutate(good, n -> ((ObjectNode) n.get("frame")).put("channels", 3)))).isEmpty();
    }

    @Test
    void theMqttDocsExampleAndFieldTableListExactlyTheFieldsTheCodecWrites() throws Exception {
        String doc = Files.readString(Path.of("docs/mqtt.md"));
        int events = doc.indexOf("## Events");
        int start = doc.indexOf("```json\n", events) + "```json\n".length();
        JsonNode example = json.readTree(doc.substring(start, doc.indexOf("```", start)));
        JsonNode encoded = json.readTree(codec.encode(EventFixtures.sample()));
        assertThat(errors(example)).as("docs/mqtt.md example against the schema").isEmpty();
        assertThat(fieldPaths(example, "")).isEqualTo(fieldPaths(encoded, ""));

        Set<String> tabled = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (`[a-z_]+`(?:, `[a-z_]+`)*) \\|").matcher(doc.substring(events));
        while (row.find()) {
            for (String f : row.group(1).split(",\\s*")) {
                tabled.add(f.replace("`", ""));
            }
        }
        Set<String> written = new TreeSet<>();
        encoded.fieldNames().forEachRemaining(written::add);
        assertThat(tabled).as("field table in docs/mqtt.md").isEqualTo(written);
        Set<String> schemaFields = new TreeSet<>();
        schemaJson().get("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertThat(schemaFields).as("docs/event.schema.json properties").isEqualTo(written);
    }

    /** Every field path of a JSON object, nested objects included (box.x1, model.name, ...). */
    private static Set<String> fieldPaths(JsonNode node, String prefix) {
        Set<String> out = new TreeSet<>();
        node.fields().forEachRemaining(e -> {
            out.add(prefix + e.getKey());
            if (e.getValue().isObject()) {
                out.addAll(fieldPaths(e.getValue(), prefix + e.getKey() + "."));
            }
        });
        return out;
    }

    private JsonNode schemaJson() throws Exception {
        return json.readTree(Path.of("docs/event.schema.json").toFile());
    }

    private Set<ValidationMessage> errors(JsonNode node) {
        return schema.validate(node);
    }

    private JsonNode mutate(JsonNode good, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = good.deepCopy();
        change.accept(copy);
        return copy;
    }
}
