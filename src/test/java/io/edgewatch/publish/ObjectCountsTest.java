package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectCountsTest {
    @Test
    void countsFollowNewAndEndPerCameraAndLabel() {
        List<String> states = new ArrayList<>();
        ObjectCounts counts = new ObjectCounts(List.of("yard"), List.of("person", "car"),
                (camera, json) -> states.add(camera + " " + new String(json, StandardCharsets.UTF_8)));
        EventFactory f = EventFixtures.factory("box");
        for (EventType t : List.of(EventType.NEW, EventType.NEW, EventType.UPDATE, EventType.END, EventType.END,
                EventType.END)) {
            counts.accept(f.create(t, "1", "yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                    EventFixtures.MODEL));
        }
        assertThat(states).containsExactly("yard {\"car\":0,\"person\":0}", "yard {\"car\":0,\"person\":1}",
                "yard {\"car\":0,\"person\":2}", "yard {\"car\":0,\"person\":1}", "yard {\"car\":0,\"person\":0}",
                "yard {\"car\":0,\"person\":0}");
    }
}
