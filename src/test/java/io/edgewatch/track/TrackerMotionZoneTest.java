package io.edgewatch.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.Detection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kalman prediction and zones: scripted detections give exactly the expected event sequence. */
class TrackerMotionZoneTest {
    private static final long FRAME = 200_000_000L; // 5 detect fps

    /** A person box 0.1 wide whose left edge is at x, feet at y2. */
    private static Detection person(double x, double y2) {
        return new Detection(0, "person", 0.8f, (float) x, (float) (y2 - 0.3), (float) (x + 0.1), (float) y2);
    }

    /** "type[trackId] zones +entered -left" for compact, exact comparison. */
    private static String describe(TrackEvent e) {
        return e.type() + "[" + e.trackId() + "] " + e.zones().in() + " +" + e.zones().entered() + " -"
                + e.zones().left();
    }

    private static List<String> run(IouTracker t, List<List<Detection>> frames) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            int frame = i;
            t.update(frames.get(i), i * FRAME).forEach(e -> out.add(frame + ": " + describe(e)));
        }
        return out;
    }

    @Test
    void fastWalkerKeepsOneTrackBecauseMatchingUsesThePrediction() {
        // Starts walking, then 0.08 per frame with a 0.1-wide box: consecutive boxes overlap with IoU 0.11, below
        // matchIou 0.3, so without prediction the walker would get a new id (and a NEW event) every few frames.
        List<List<Detection>> frames = new ArrayList<>();
        double x = 0.0;
        double[] steps = {0.03, 0.05, 0.07, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08, 0.08};
        for (double step : steps) {
            frames.add(List.of(person(x, 0.8)));
            x += step;
        }
        for (int i = 0; i < 6; i++) {
            frames.add(List.of());
        }
        assertThat(IouTracker.iou(person(0.02, 0.8), person(0.10, 0.8))).isLessThan(0.3);
        List<String> events = run(new IouTracker(new TrackerSettings(0.3, 2, 5, 0.1, 0.05, 0)), frames);

        assertThat(events).filteredOn(s -> s.contains("NEW")).hasSize(1);
        assertThat(events).filteredOn(s -> s.contains("END")).containsExactly("15: END[1] [] +[] -[]");
        assertThat(events).allMatch(s -> s.contains("[1]"));
    }

    @Test
    void walkAcrossTwoZonesGivesExactEnterAndLeaveSequence() {
        Zone driveway = new Zone("driveway", new Polygon(List.of(new double[] {0.0, 0.5}, new double[] {0.4, 0.5},
                new double[] {0.4, 1.0}, new double[] {0.0, 1.0})));
        Zone porch = new Zone("porch", new Polygon(List.of(new double[] {0.3, 0.5}, new double[] {0.7, 0.5},
                new double[] {0.7, 1.0}, new double[] {0.3, 1.0})));
        IouTracker t = new IouTracker(new TrackerSettings(0.3, 2, 2, 0.1, 0.05, Long.MAX_VALUE),
                List.of(driveway, porch));
        // Feet (bottom centre) x: .15 .20 .25 driveway; .35 .38 both; .50 .60 .68 porch only; .77 none; gone.
        List<List<Detection>> frames = List.of(
                List.of(person(0.10, 0.9)), List.of(person(0.15, 0.9)), List.of(person(0.20, 0.9)),
                List.of(person(0.30, 0.9)), List.of(person(0.33, 0.9)), List.of(person(0.45, 0.9)),
                List.of(person(0.55, 0.9)), List.of(person(0.63, 0.9)), List.of(person(0.72, 0.9)),
                List.of(), List.of(), List.of());

        assertThat(run(t, frames)).containsExactly(
                "1: NEW[1] [driveway] +[driveway] -[]",
                "3: UPDATE[1] [driveway, porch] +[porch] -[]",
                "5: UPDATE[1] [porch] +[] -[driveway]",
                "8: UPDATE[1] [] +[] -[porch]",
                "11: END[1] [] +[] -[]");
    }

    @Test
    void endLeavesTheZonesTheObjectWasIn() {
        Zone yard = new Zone("yard", new Polygon(List.of(new double[] {0, 0}, new double[] {1, 0},
                new double[] {1, 1}, new double[] {0, 1})));
        IouTracker t = new IouTracker(new TrackerSettings(0.3, 2, 1, 0.1, 0.05, Long.MAX_VALUE), List.of(yard));
        List<String> events = run(t, List.of(List.of(person(0.5, 0.9)), List.of(person(0.5, 0.9)),
                List.of(), List.of()));
        assertThat(events).containsExactly("1: NEW[1] [yard] +[yard] -[]", "3: END[1] [] +[] -[yard]");
    }

    @Test
    void kalmanLearnsAConstantVelocity() {
        KalmanBox k = new KalmanBox(0.0, 0.4, 0.1, 0.6);
        for (int i = 1; i <= 10; i++) {
            k.predict(0.2);
            k.update(0.05 * i, 0.4, 0.05 * i + 0.1, 0.6);
        }
        assertThat(k.velocity()[0]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.02));
        assertThat(k.velocity()[1]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.01));
        double[] next = k.boxAfter(0.2);
        assertThat(next[0]).isCloseTo(0.55, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void polygonContainsByEvenOddRule() {
        Polygon l = new Polygon(List.of(new double[] {0, 0}, new double[] {0.5, 0}, new double[] {0.5, 0.5},
                new double[] {0.2, 0.5}, new double[] {0.2, 1}, new double[] {0, 1}));
        assertThat(l.contains(0.1, 0.9)).isTrue();
        assertThat(l.contains(0.4, 0.4)).isTrue();
        assertThat(l.contains(0.4, 0.9)).isFalse();
        assertThat(l.contains(0.6, 0.1)).isFalse();
    }
}
