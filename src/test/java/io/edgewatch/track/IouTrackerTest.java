package io.edgewatch.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.Detection;
import io.edgewatch.event.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class IouTrackerTest {
    private static final long S = 1_000_000_000L;

    private static Detection person(float x, float score) {
        return new Detection(0, "person", score, x, 0.2f, x + 0.1f, 0.6f);
    }

    private static List<EventType> types(List<TrackEvent> events) {
        return events.stream().map(TrackEvent::type).toList();
    }

    @Test
    void scriptedWalkGivesNewUpdateEnd() {
        IouTracker t = new IouTracker(TrackerSettings.defaults());
        assertThat(t.update(List.of(person(0.10f, 0.6f)), 0)).isEmpty();          // unconfirmed
        List<TrackEvent> confirmed = t.update(List.of(person(0.11f, 0.6f)), S / 5);
        assertThat(types(confirmed)).containsExactly(EventType.NEW);
        long id = confirmed.get(0).trackId();
        assertThat(t.update(List.of(person(0.12f, 0.6f)), 2 * S / 5)).isEmpty(); // small move, too soon
        List<TrackEvent> moved = t.update(List.of(person(0.16f, 0.62f)), 2 * S);
        assertThat(types(moved)).containsExactly(EventType.UPDATE);
        assertThat(moved.get(0).trackId()).isEqualTo(id);
        for (int i = 0; i < 5; i++) {
            assertThat(t.update(List.of(), 3 * S + i)).isEmpty();                 // misses within tolerance
        }
        List<TrackEvent> ended = t.update(List.of(), 4 * S);
        assertThat(types(ended)).containsExactly(EventType.END);
        assertThat(ended.get(0).trackId()).isEqualTo(id);
        assertThat(ended.get(0).topScore()).isEqualTo(0.62f);
        assertThat(t.liveTracks()).isZero();
    }

    @Test
    void stationaryObjectDoesNotReAlert() {
        IouTracker t = new IouTracker(TrackerSettings.defaults());
        int news = 0;
        int updates = 0;
        for (int i = 0; i < 100; i++) {
            for (TrackEvent e : t.update(List.of(person(0.5f, 0.7f)), i * S)) {
                news += e.type() == EventType.NEW ? 1 : 0;
                updates += e.type() == EventType.UPDATE ? 1 : 0;
            }
        }
        assertThat(news).isEqualTo(1);
        assertThat(updates).isZero();
    }

    @Test
    void singleFrameFlickerNeverAlerts() {
        IouTracker t = new IouTracker(TrackerSettings.defaults());
        assertThat(t.update(List.of(person(0.5f, 0.9f)), 0)).isEmpty();
        for (int i = 1; i <= 10; i++) {
            assertThat(t.update(List.of(), i * S)).isEmpty();
        }
        assertThat(t.liveTracks()).isZero();
    }

    @Test
    void twoObjectsKeepTheirIdsAndDifferentLabelsNeverMatch() {
        IouTracker t = new IouTracker(TrackerSettings.defaults());
        Detection dog = new Detection(16, "dog", 0.8f, 0.10f, 0.2f, 0.20f, 0.6f);
        t.update(List.of(person(0.10f, 0.8f), person(0.6f, 0.8f), dog), 0);
        List<TrackEvent> news = t.update(List.of(person(0.61f, 0.8f), person(0.11f, 0.8f), dog), S);
        assertThat(types(news)).containsOnly(EventType.NEW).hasSize(3);
        assertThat(news.stream().map(TrackEvent::trackId).distinct()).hasSize(3);
        assertThat(news.stream().filter(e -> e.detection().label().equals("dog")).count()).isEqualTo(1);
    }

    @Test
    void endAllEndsOnlyConfirmedTracks() {
        IouTracker t = new IouTracker(TrackerSettings.defaults());
        t.update(List.of(person(0.1f, 0.8f)), 0);
        t.update(List.of(person(0.1f, 0.8f), person(0.7f, 0.8f)), S);
        assertThat(types(t.endAll())).containsExactly(EventType.END);
    }

    @Test
    void iouOfDisjointAndIdenticalBoxes() {
        assertThat(IouTracker.iou(person(0.1f, 0.5f), person(0.5f, 0.5f))).isZero();
        assertThat(IouTracker.iou(person(0.1f, 0.5f), person(0.1f, 0.5f))).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
}
