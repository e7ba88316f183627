package io.edgewatch.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zone fields added within schema version 1: encoded, schema-valid, and optional when decoding. */
class EventZonesTest {
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    private DetectionEvent withZones() {
        return EventFixtures.factory("gate-box").create(EventType.UPDATE, "3", "front_door", EventFixtures.T0,
                EventFixtures.FRAME, EventFixtures.person(0.7f), EventFixtures.MODEL,
                new Zones(List.of("porch"), List.of("porch"), List.of("driveway")));
    }

    @Test
    void zonesAreEncodedAndRoundTrip() throws Exception {
        DetectionEvent e = withZones();
        JsonNode node = json.readTree(codec.encode(e));
        assertThat(node.get("zones").toString()).isEqualTo("[\"porch\"]");
        assertThat(node.get("entered_zones").toString()).isEqualTo("[\"porch\"]");
        assertThat(node.get("left_zones").toString()).isEqualTo("[\"driveway\"]");
        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
        assertThat(json.readTree(codec.encode(EventFixtures.sample())).get("zones").isEmpty()).isTrue();
    }

    @Test
    void payloadWithoutZoneFieldsStillDecodes() throws Exception {
        ObjectNode old = (ObjectNode) json.readTree(codec.encode(withZones()));
        old.remove(List.of("zones", "entered_zones", "left_zones"));
        DetectionEvent e = codec.decode(json.writeValueAsBytes(old));
        assertThat(e.zones()).isEmpty();
        assertThat(e.leftZones()).isEmpty();
    }

    @Test
    void schemaAcceptsZonesAndRejectsBadOnes() throws Exception {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of("docs/event.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        ObjectNode good = (ObjectNode) json.readTree(codec.encode(withZones()));
        assertThat(schema.validate(good)).isEmpty();
        ObjectNode bad = good.deepCopy();
        bad.putArray("zones").add("porch").add("porch");
        assertThat(schema.validate(bad)).isNotEmpty();
        ObjectNode notList = good.deepCopy();
        notList.put("entered_zones", "porch");
        assertThat(schema.validate(notList)).isNotEmpty();
    }
}
