package io.edgewatch.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a detected object: {@link #NEW} once the tracker confirms it, {@link #UPDATE} when it moved, its
 * score rose or its zones changed, {@link #END} when it is gone. The tracker speaks this type directly.
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
