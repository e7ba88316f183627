package io.edgewatch.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * JSON codec for {@link DetectionEvent}: snake_case field names, timestamps as ISO-8601 UTC strings
 * ({@code 2026-01-02T03:04:05.678Z}), {@code track_id} always present (null until the tracker assigns one).
 * Decoding ignores unknown fields (newer minor additions) but rejects a newer {@code schema_version}.
 * {@code published_time} is written last, so the publisher can re-stamp a stored event without parsing it
 * ({@link #withPublishedTime(byte[], Instant)}). Thread-safe.
 */
public final class EventCodec {
    private static final java.util.List<String> OPTIONAL_LISTS = java.util.List.of("zones", "entered_zones",
            "left_zones");
    private static final byte[] LAST_KEY = ",\"published_time\":\"".getBytes(StandardCharsets.US_ASCII);
    private final ObjectMapper mapper;

    public EventCodec() {
        SimpleModule time = new SimpleModule("edgewatch-instant");
        time.addSerializer(Instant.class, new InstantWriter());
        time.addDeserializer(Instant.class, new InstantReader());
        mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(time)
                .addMixIn(DetectionEvent.class, PublishedTimeLast.class)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public byte[] encode(DetectionEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode event " + event.eventId(), e);
        }
    }

    /**
     * The encoded event with {@code published_time} replaced, byte for byte what {@link #encode} gives for
     * {@code event.withPublishedTime(time)}: the tail after the last field's key is spliced, nothing is parsed.
     * Payloads in another field order (rows stored by older builds) take the decode/encode path.
     * @throws IllegalArgumentException when such a payload is not a valid event
     */
    public byte[] withPublishedTime(byte[] encoded, Instant time) {
        int valueStart = valueStartOfLastField(encoded);
        if (valueStart < 0) {
            return encode(decode(encoded).withPublishedTime(time));
        }
        byte[] value = time.truncatedTo(ChronoUnit.MILLIS).toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(encoded, valueStart + value.length + 2);
        System.arraycopy(value, 0, out, valueStart, value.length);
        out[out.length - 2] = '"';
        out[out.length - 1] = '}';
        return out;
    }

    /** Where the published_time string starts if it is the final field ({@code ...,"published_time":"..."}), or -1. */
    private static int valueStartOfLastField(byte[] json) {
        int n = json.length;
        if (n < LAST_KEY.length + 2 || json[n - 1] != '}' || json[n - 2] != '"') {
            return -1;
        }
        for (int i = n - 3; i >= 0; i--) {
            if (json[i] == '"') {   // the value's opening quote: an ISO instant holds no quote
                int keyAt = i + 1 - LAST_KEY.length;
                return keyAt >= 0 && Arrays.equals(json, keyAt, i + 1, LAST_KEY, 0, LAST_KEY.length) ? i + 1 : -1;
            }
        }
        return -1;
    }

    public String encodeToString(DetectionEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the payload is not a valid version-1 event */
    public DetectionEvent decode(byte[] json) {
        DetectionEvent event;
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree instanceof ObjectNode o) {
                // Fields added within schema version 1 may be missing from older payloads (e.g. replayed rows).
                OPTIONAL_LISTS.forEach(f -> {
                    if (!o.has(f)) {
                        o.putArray(f);
                    }
                });
            }
            event = mapper.treeToValue(tree, DetectionEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid event JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (event.schemaVersion() > DetectionEvent.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schema_version " + event.schemaVersion()
                    + " (this build reads up to " + DetectionEvent.SCHEMA_VERSION + ")");
        }
        return event;
    }

    public DetectionEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Wire order: the record's order, except published_time last (see {@link #withPublishedTime}). */
    @JsonPropertyOrder({"schema_version", "event_id", "device", "camera", "seq", "type", "track_id", "label", "score",
        "box", "frame", "model", "frame_time", "zones", "entered_zones", "left_zones", "published_time"})
    private abstract static class PublishedTimeLast {}

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) ctx.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 UTC instant");
            }
        }
    }
}
