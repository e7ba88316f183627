package io.edgewatch.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.detect.Detection;
import io.edgewatch.util.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
    @Test
    void sequenceNumbersAreContiguousPerCamera() {
        EventFactory f = EventFixtures.factory("box1");
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(make(f, "cam_a").seq());
            if (i % 2 == 0) {
                b.add(make(f, "cam_b").seq());
            }
        }
        assertThat(a).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(b).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sequenceIsSharedAcrossEventTypesAndContinuesFromSeed() {
        EventFactory f = new EventFactory("box1", java.util.UUID::randomUUID, TimeSource.system(),
                new SequenceCounter(Map.of("cam_a", 41L)));
        assertThat(make(f, "cam_a").seq()).isEqualTo(42);
        assertThat(f.create(EventType.UPDATE, "t1", "cam_a", EventFixtures.T0, EventFixtures.FRAME,
                EventFixtures.person(0.4f), EventFixtures.MODEL).seq()).isEqualTo(43);
    }

    @Test
    void concurrentCallersGetEveryNumberOnce() throws Exception {
        EventFactory f = EventFactory.standard("box1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parts.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        got.add(make(f, "cam").seq());
                    }
                    return got;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> p : parts) {
                all.addAll(p.get());
            }
            assertThat(all).hasSize(1000).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fillsFieldsFromInjectedIdsTimeAndDetection() {
        DetectionEvent e = EventFixtures.sample();
        assertThat(e.schemaVersion()).isEqualTo(DetectionEvent.SCHEMA_VERSION);
        assertThat(e.eventId()).isEqualTo(new java.util.UUID(0x1234L, 1).toString());
        assertThat(e.device()).isEqualTo("gate-box");
        assertThat(e.camera()).isEqualTo("front_door");
        assertThat(e.type()).isEqualTo(EventType.NEW);
        assertThat(e.trackId()).isNull();
        assertThat(e.label()).isEqualTo("person");
        assertThat(e.score()).isEqualTo(0.87);
        assertThat(e.box()).isEqualTo(new DetectionEvent.Box(0.1, 0.2, 0.35, 0.9));
        assertThat(e.frameTime()).isEqualTo(EventFixtures.T0);
        assertThat(e.publishedTime()).isEqualTo(EventFixtures.T0.plusMillis(40));
    }

    @Test
    void clampsBoxesThatSpillOverTheFrame() {
        Detection d = new Detection(2, "car", 0.9f, -0.05f, 0.5f, 1.2f, 1.0001f);
        DetectionEvent e = EventFixtures.factory("d").newEvent("c", EventFixtures.T0, EventFixtures.FRAME, d,
                EventFixtures.MODEL);
        assertThat(e.box()).isEqualTo(new DetectionEvent.Box(0, 0.5, 1, 1));
    }

    @Test
    void rejectsNamesThatAreNotTopicSafe() {
        assertThatThrownBy(() -> EventFactory.standard("a/b")).hasMessageContaining("device");
        EventFactory f = EventFactory.standard("ok");
        assertThatThrownBy(() -> make(f, "cam+1")).hasMessageContaining("camera");
        assertThatThrownBy(() -> make(f, "#")).hasMessageContaining("camera");
    }

    private static DetectionEvent make(EventFactory f, String camera) {
        return f.newEvent(camera, EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.7f),
                EventFixtures.MODEL);
    }
}
