package io.edgewatch.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void roundTripKeepsEveryField() {
        DetectionEvent e = EventFixtures.sample();
        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
    }

    @Test
    void roundTripOfTrackedEndEvent() {
        DetectionEvent e = EventFixtures.factory("d1").create(EventType.END, "t-42", "cam1", EventFixtures.T0,
                EventFixtures.FRAME, EventFixtures.person(0.5f), EventFixtures.MODEL);
        DetectionEvent back = codec.decode(codec.encodeToString(e));
        assertThat(back).isEqualTo(e);
        assertThat(back.type()).isEqualTo(EventType.END);
        assertThat(back.trackId()).isEqualTo("t-42");
    }

    @Test
    void fieldNamesAreSnakeCaseAndValuesAreWireFormat() throws Exception {
        JsonNode json = plain.readTree(codec.encode(EventFixtures.sample()));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("schema_version", "event_id", "device", "camera", "seq", "type",
                "track_id", "label", "score", "box", "frame", "model", "frame_time", "published_time",
                "zones", "entered_zones", "left_zones");
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(json.get("type").asText()).isEqualTo("new");
        assertThat(json.get("track_id").isNull()).isTrue();
        assertThat(json.get("frame_time").asText()).isEqualTo("2026-03-01T12:00:00.125Z");
        assertThat(json.get("published_time").asText()).isEqualTo("2026-03-01T12:00:00.165Z");
        assertThat(json.get("score").asDouble()).isEqualTo(0.87);
        assertThat(json.get("box").get("x2").asDouble()).isEqualTo(0.35);
        assertThat(json.get("frame").get("width").asInt()).isEqualTo(768);
        assertThat(json.get("model").get("sha256").asText()).hasSize(64);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        ObjectNode json = (ObjectNode) plain.readTree(codec.encode(EventFixtures.sample()));
        json.put("zone", "driveway");
        assertThat(codec.decode(plain.writeValueAsBytes(json))).isEqualTo(EventFixtures.sample());
    }

    @Test
    void rejectsNewerSchemaMissingFieldsAndBadValues() throws Exception {
        byte[] good = codec.encode(EventFixtures.sample());
        assertThatThrownBy(() -> codec.decode(with(good, "schema_version", 2)))
                .hasMessageContaining("unsupported schema_version 2");
        ObjectNode missing = (ObjectNode) plain.readTree(good);
        missing.remove("seq");
        assertThatThrownBy(() -> codec.decode(plain.writeValueAsBytes(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> codec.decode(with(good, "type", "moved")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(with(good, "frame_time", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(with(good, "score", 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
        assertThatThrownBy(() -> codec.decode("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timestampsAreKeptToTheMillisecond() throws Exception {
        Instant precise = Instant.parse("2026-03-01T12:00:00.123456789Z");
        DetectionEvent e = EventFixtures.sample().withPublishedTime(precise);
        assertThat(plain.readTree(codec.encode(e)).get("published_time").asText())
                .isEqualTo("2026-03-01T12:00:00.123Z");
    }

    @Test
    void publishedTimeCanBeRestamped() {
        Instant later = EventFixtures.T0.plusSeconds(3);
        DetectionEvent e = EventFixtures.sample().withPublishedTime(later);
        assertThat(codec.decode(codec.encode(e)).publishedTime()).isEqualTo(later);
    }

    @Test
    void publishedTimeIsWrittenLast() throws Exception {
        List<String> names = new ArrayList<>();
        plain.readTree(codec.encode(EventFixtures.sample())).fieldNames().forEachRemaining(names::add);
        assertThat(names.get(names.size() - 1)).isEqualTo("published_time");
        assertThat(names.get(0)).isEqualTo("schema_version");
    }

    /** The splice must give exactly the bytes of a full encode, for odd instants and odd strings too. */
    @Test
    void splicedPublishedTimeEqualsFullEncode() {
        DetectionEvent s = EventFixtures.sample();
        DetectionEvent odd = new DetectionEvent(1, "id-\"published_time\":\"x", "gate-box", "yard", 7, EventType.END,
                "t-1", "caf\u00e9 \"sign\" \\ ,\"published_time\":\"", 0.5, s.box(), s.frame(), s.model(),
                s.frameTime(), s.publishedTime(), List.of("porch", "drive way"), List.of(), List.of("porch"));
        List<Instant> times = List.of(Instant.parse("2026-03-01T12:00:00Z"), Instant.parse("2026-03-01T12:00:00.1Z"),
                Instant.parse("2026-03-01T12:00:00.123456789Z"), Instant.parse("1999-12-31T23:59:59.999Z"),
                Instant.parse("+12026-01-01T00:00:00.5Z"), Instant.EPOCH);
        for (DetectionEvent e : List.of(s, odd)) {
            byte[] stored = codec.encode(e);
            for (Instant t : times) {
                assertThat(new String(codec.withPublishedTime(stored, t), StandardCharsets.UTF_8)).as("%s", t)
                        .isEqualTo(codec.encodeToString(e.withPublishedTime(t)));
            }
        }
    }

    /**
     * The streaming encoder writes exactly what Jackson's data binding writes for the record (snake_case, ISO
     * instants, the wire order): for events with a null and a set track id, zones, escapes, non-ASCII and scores
     * and boxes with long decimal expansions.
     */
    @Test
    void streamingEncodeEqualsDataBinding() throws Exception {
        SimpleModule instants = new SimpleModule("instants").addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        ObjectMapper binding = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(instants).addMixIn(DetectionEvent.class, WireOrder.class).build();
        DetectionEvent s = EventFixtures.sample();
        Random rnd = new Random(5);
        List<DetectionEvent> events = new ArrayList<>(List.of(s, new DetectionEvent(1, "id-\"q\"", "gate-box",
                "yard", Long.MAX_VALUE, EventType.END, "t-1", "caf\u00e9 \\ \u2603", 1.0, s.box(), s.frame(), s.model(),
                s.frameTime(), s.publishedTime(), List.of("porch", "drive \"way\""), List.of("porch"), List.of())));
        for (int i = 0; i < 50; i++) {
            double a = rnd.nextDouble();
            double b = rnd.nextDouble();
            DetectionEvent.Box box = new DetectionEvent.Box(Math.min(a, b) / 3, (double) rnd.nextFloat() / 2,
                    Math.max(a, b), 0.5 + rnd.nextFloat() / 2);
            events.add(new DetectionEvent(1, "e-" + i, "gate-box", "yard", i + 1, EventType.values()[i % 3],
                    i % 2 == 0 ? null : "t-" + i, "person", (double) rnd.nextFloat(), box, s.frame(), s.model(),
                    s.frameTime().plusNanos(rnd.nextInt(1_000_000_000)), s.publishedTime().plusMillis(i),
                    List.of(), i % 5 == 0 ? List.of("z" + i) : List.of(), List.of()));
        }
        for (DetectionEvent e : events) {
            assertThat(codec.encodeToString(e)).isEqualTo(binding.writeValueAsString(e));
        }
    }

    @JsonPropertyOrder({"schema_version", "event_id", "device", "camera", "seq", "type", "track_id", "label", "score",
        "box", "frame", "model", "frame_time", "zones", "entered_zones", "left_zones", "published_time"})
    private abstract static class WireOrder {}

    /** Rows stored by builds that wrote published_time mid-object are re-encoded; broken ones are rejected. */
    @Test
    void payloadInAnotherFieldOrderIsReencoded() throws Exception {
        ObjectNode old = (ObjectNode) plain.readTree(codec.encode(EventFixtures.sample()));
        ObjectNode reordered = plain.createObjectNode();
        reordered.set("published_time", old.get("published_time"));
        old.fields().forEachRemaining(f -> reordered.set(f.getKey(), f.getValue()));
        Instant t = Instant.parse("2026-03-01T12:00:01.250Z");
        assertThat(codec.withPublishedTime(plain.writeValueAsBytes(reordered), t))
                .isEqualTo(codec.encode(EventFixtures.sample().withPublishedTime(t)));
        assertThatThrownBy(() -> codec.withPublishedTime("{\"x\":1,\"published_time\":\"".getBytes(
                StandardCharsets.UTF_8), t)).isInstanceOf(IllegalArgumentException.class);
    }

    private byte[] with(byte[] json, String field, Object value) throws Exception {
        ObjectNode node = (ObjectNode) plain.readTree(json);
        node.set(field, plain.valueToTree(value));
        return plain.writeValueAsBytes(node);
    }
}
