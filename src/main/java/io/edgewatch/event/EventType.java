package io.edgewatch.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a detected object. Only {@link #NEW} is produced before the tracker exists; {@link #UPDATE} and
 * {@link #END} are part of schema version 1 already so subscribers can be written against them now.
 */
public enum EventType {
    NEW, UPDATE, END;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EventType fromWire(String value) {
        for (EventType t : values()) {
            if (t.wire().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + value);
    }
}
