package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTest {
    private static Detection box(String label, float score, float x1, float y1, float x2, float y2) {
        return new Detection(label.equals("person") ? 0 : 16, label, score, x1, y1, x2, y2);
    }

    @Test
    void identicalModelScoresOne() {
        Agreement ev = new Agreement(0.4);
        List<Detection> ref = List.of(box("person", 0.9f, 0.1f, 0.1f, 0.3f, 0.5f), box("dog", 0.6f, 0.5f, 0.5f, 0.9f, 0.9f),
                box("person", 0.2f, 0.6f, 0.1f, 0.7f, 0.3f));
        ev.add(ref, ref);
        ev.add(ref, ref);
        assertThat(ev.ap50()).isEqualTo(1.0, within(1e-9));
        assertThat(ev.ap50to95()).isEqualTo(1.0, within(1e-9));
        assertThat(ev.gtCounts()).containsEntry("person", 2).containsEntry("dog", 2);
    }

    @Test
    void missedHalfTheObjectsGivesHalfRecall() {
        Agreement ev = new Agreement(0.4);
        Detection a = box("person", 0.9f, 0.1f, 0.1f, 0.3f, 0.5f);
        Detection b = box("person", 0.8f, 0.6f, 0.1f, 0.8f, 0.5f);
        ev.add(List.of(a, b), List.of(a));
        // Precision 1 up to recall 0.5, nothing after: 51 of 101 points.
        assertThat(ev.ap50()).isEqualTo(51 / 101.0, within(1e-9));
    }

    @Test
    void shiftedBoxPassesAt50ButNotAtStrictThresholds() {
        Agreement ev = new Agreement(0.4);
        Detection gt = box("person", 0.9f, 0.0f, 0.0f, 1.0f, 1.0f);
        Detection shifted = box("person", 0.9f, 0.0f, 0.0f, 1.0f, 0.72f); // IoU 0.72
        ev.add(List.of(gt), List.of(shifted));
        assertThat(ev.ap50()).isEqualTo(1.0, within(1e-9));
        // Thresholds 0.50..0.70 match (5 of 10), 0.75..0.95 do not.
        assertThat(ev.ap50to95()).isEqualTo(0.5, within(1e-9));
    }

    @Test
    void highScoredFalsePositiveLowersPrecisionAndWrongClassNeverMatches() {
        Agreement ev = new Agreement(0.4);
        Detection gt = box("person", 0.9f, 0.1f, 0.1f, 0.3f, 0.5f);
        ev.add(List.of(gt), List.of(box("person", 0.95f, 0.6f, 0.6f, 0.9f, 0.9f), gt, box("dog", 0.99f, 0.1f, 0.1f, 0.3f, 0.5f)));
        // The TP comes second: precision 0.5 at recall 1 for all 101 points.
        assertThat(ev.apPerClass(0.5)).containsOnlyKeys("person");
        assertThat(ev.ap50()).isEqualTo(0.5, within(1e-9));
    }

    @Test
    void eachGroundTruthMatchesOnce() {
        Agreement ev = new Agreement(0.4);
        Detection gt = box("person", 0.9f, 0.1f, 0.1f, 0.3f, 0.5f);
        ev.add(List.of(gt), List.of(gt, box("person", 0.8f, 0.1f, 0.1f, 0.3f, 0.5f)));
        // Duplicate is a false positive ranked after the TP: AP still 1 (precision at recall 1 is 1).
        assertThat(ev.ap50()).isEqualTo(1.0, within(1e-9));
        assertThat(Agreement.interpolated(new double[] {1, 0.5}, new double[] {1, 1})).isEqualTo(1.0, within(1e-9));
    }
}
