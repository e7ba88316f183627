package io.edgewatch.event;

import java.util.List;

/**
 * Zone membership carried by an event.
 *
 * @param in      zones the object is in after the event
 * @param entered zones entered with the event
 * @param left    zones left with the event
 */
public record Zones(List<String> in, List<String> entered, List<String> left) {
    public static final Zones NONE = new Zones(List.of(), List.of(), List.of());

    public Zones {
        in = List.copyOf(in);
        entered = List.copyOf(entered);
        left = List.copyOf(left);
    }
}
