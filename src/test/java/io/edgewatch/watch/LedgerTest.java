package io.edgewatch.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Delivery accounting with hand-made arrivals and a fake receipt clock. */
class LedgerTest {
    private static final Instant SENT = EventFixtures.T0.plusMillis(40);
    private final Ledger ledger = new Ledger(Duration.ofSeconds(2), false, 1000);

    private static DetectionEvent event(String camera, long seq) {
        return event("box-a", camera, seq, UUID.randomUUID().toString());
    }

    private static DetectionEvent event(String device, String camera, long seq, String id) {
        DetectionEvent e = EventFixtures.factory(device).newEvent(camera, EventFixtures.T0, EventFixtures.FRAME,
                EventFixtures.person(0.9f), EventFixtures.MODEL);
        return new DetectionEvent(1, id, device, camera, seq, e.type(), null, e.label(), e.score(), e.box(),
                e.frame(), e.model(), e.frameTime(), SENT);
    }

    private Arrival at(DetectionEvent e, long millisAfterSend) {
        return ledger.accept(e, SENT.plusMillis(millisAfterSend));
    }

    @Test
    void contiguousStreamHasNoAnomalies() {
        for (long s = 5; s <= 9; s++) {
            assertThat(at(event("door", s), 10).kind()).isEqualTo("event");
        }
        Summary s = ledger.summary();
        assertThat(s.received()).isEqualTo(5);
        assertThat(s.unique()).isEqualTo(5);
        assertThat(s.missing()).isZero();
        assertThat(s.sawGap()).isFalse();
        assertThat(s.highestSeq()).isEqualTo(Map.of("box-a/door", 9L));
    }

    @Test
    void sameEventIdTwiceIsADuplicateNotARepeat() {
        DetectionEvent e = event("door", 1);
        at(e, 10);
        Arrival again = at(e, 900);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.kind()).isEqualTo("duplicate");
        Summary s = ledger.summary();
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.repeats()).isZero();
        assertThat(s.unique()).isEqualTo(1);
    }

    @Test
    void skippedSeqIsAGapUntilItArrivesLate() {
        at(event("door", 1), 10);
        Arrival jump = at(event("door", 4), 10);
        assertThat(jump.kind()).isEqualTo("gap");
        assertThat(jump.gapSize()).isEqualTo(2);
        assertThat(ledger.summary().missing()).isEqualTo(2);
        assertThat(ledger.missingByStream()).isEqualTo(Map.of("box-a/door", 2L));

        assertThat(at(event("door", 3), 10).kind()).isEqualTo("late");
        assertThat(ledger.summary().missing()).isEqualTo(1);
        at(event("door", 2), 10);
        Summary s = ledger.summary();
        assertThat(s.missing()).isZero();
        assertThat(s.late()).isEqualTo(2);
        assertThat(s.sawGap()).isFalse();
    }

    @Test
    void seqSeenAgainUnderANewEventIdIsARepeat() {
        at(event("door", 1), 10);
        at(event("door", 2), 10);
        assertThat(at(event("door", 1), 10).kind()).isEqualTo("repeat");
        assertThat(ledger.summary().repeats()).isEqualTo(1);
    }

    @Test
    void streamsAreKeptPerDeviceAndCamera() {
        at(event("box-a", "door", 1, "a1"), 10);
        at(event("box-b", "door", 1, "b1"), 10);
        at(event("box-a", "yard", 7, "a7"), 10);
        assertThat(ledger.summary().highestSeq())
                .isEqualTo(Map.of("box-a/door", 1L, "box-b/door", 1L, "box-a/yard", 7L));
        assertThat(ledger.summary().missing()).isZero();
    }

    @Test
    void fromStartCountsSeqsBeforeTheFirstArrivalAsMissing() {
        Ledger fresh = new Ledger(Duration.ofSeconds(2), true, 1000);
        Arrival first = fresh.accept(event("door", 3), SENT);
        assertThat(first.kind()).isEqualTo("gap");
        assertThat(fresh.summary().missing()).isEqualTo(2);
    }

    @Test
    void skewBeyondTheThresholdIsFlaggedBothWays() {
        assertThat(at(event("door", 1), 1999).skewed()).isFalse();
        Arrival late = at(event("door", 2), 2001);
        assertThat(late.skewed()).isTrue();
        assertThat(late.skewMillis()).isEqualTo(2001);
        Arrival boxAhead = at(event("door", 3), -5000);
        assertThat(boxAhead.skewed()).isTrue();
        assertThat(boxAhead.skewMillis()).isEqualTo(-5000);
        Summary s = ledger.summary();
        assertThat(s.skewed()).isEqualTo(2);
        assertThat(s.maxSkewMillis()).isEqualTo(5000);
    }

    @Test
    void availabilityCountsOnlyChanges() {
        assertThat(ledger.availability("box-a", "online")).isTrue();
        assertThat(ledger.availability("box-a", "online")).isFalse();
        assertThat(ledger.availability("box-a", "offline")).isTrue();
        assertThat(ledger.summary().availability()).isEqualTo(Map.of("box-a", "offline"));
        assertThat(ledger.summary().availabilityChanges()).isEqualTo(2);
    }

    @Test
    void forgottenIdsFallBackToSeqAccounting() {
        Ledger small = new Ledger(Duration.ofSeconds(2), false, 2);
        DetectionEvent first = event("door", 1);
        small.accept(first, SENT);
        small.accept(event("door", 2), SENT);
        small.accept(event("door", 3), SENT);
        assertThat(small.accept(first, SENT).kind()).as("id evicted, seq already seen").isEqualTo("repeat");
    }

    @Test
    void settingsKeepThePasswordOutOfToString() {
        WatchSettings s = new WatchSettings("tcp://127.0.0.1:1", "w1", "backend", "hunter2", null, "edgewatch",
                "fleet", Duration.ofMinutes(5));
        assertThat(s.toString()).doesNotContain("hunter2").contains("***");
        assertThat(s.eventsFilter()).isEqualTo("$share/fleet/edgewatch/+/+/events");
        assertThat(s.availabilityFilter()).isEqualTo("edgewatch/+/availability");
        assertThatThrownBy(() -> new WatchSettings("tcp://x:1", "w", null, null, null, "edgewatch", "a/b",
                Duration.ZERO)).hasMessageContaining("group");
    }
}
