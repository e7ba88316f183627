package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {
    private final Nms nms = new Nms(0.5, 10);

    @Test
    void overlappingBoxesOfTheSameClassKeepTheBest() {
        Detection weak = car(0.6f, 0.10f, 0.10f, 0.50f, 0.50f);
        Detection strong = car(0.9f, 0.12f, 0.11f, 0.52f, 0.50f);
        assertThat(nms.apply(List.of(weak, strong))).containsExactly(strong);
    }

    @Test
    void differentClassesNeverSuppressEachOther() {
        Detection person = new Detection(0, "person", 0.8f, 0.1f, 0.1f, 0.5f, 0.9f);
        Detection bicycle = new Detection(1, "bicycle", 0.7f, 0.1f, 0.1f, 0.5f, 0.9f);
        assertThat(nms.apply(List.of(bicycle, person))).containsExactly(person, bicycle);
    }

    @Test
    void disjointBoxesAreKeptOrderedByScore() {
        Detection a = car(0.3f, 0.0f, 0.0f, 0.2f, 0.2f);
        Detection b = car(0.9f, 0.5f, 0.5f, 0.7f, 0.7f);
        Detection c = car(0.6f, 0.8f, 0.0f, 1.0f, 0.2f);
        assertThat(nms.apply(List.of(a, b, c))).containsExactly(b, c, a);
    }

    @Test
    void overlapBelowThresholdIsKept() {
        // two unit squares overlapping by a third of their width: IoU = (1/3) / (5/3) = 0.2
        Detection a = car(0.9f, 0.0f, 0.0f, 0.3f, 0.3f);
        Detection b = car(0.8f, 0.2f, 0.0f, 0.5f, 0.3f);
        assertThat(Nms.iou(a, b)).isCloseTo(0.2f, within(1e-5f));
        assertThat(nms.apply(List.of(a, b))).hasSize(2);
    }

    @Test
    void capsTheNumberOfDetections() {
        Nms two = new Nms(0.5, 2);
        List<Detection> out = two.apply(List.of(
                car(0.1f, 0.0f, 0.0f, 0.1f, 0.1f), car(0.2f, 0.2f, 0.2f, 0.3f, 0.3f), car(0.3f, 0.5f, 0.5f, 0.6f, 0.6f)));
        assertThat(out).extracting(Detection::score).containsExactly(0.3f, 0.2f);
    }

    @Test
    void iouOfIdenticalAndDisjointBoxes() {
        Detection a = car(0.5f, 0.1f, 0.1f, 0.4f, 0.4f);
        assertThat(Nms.iou(a, a)).isCloseTo(1f, within(1e-6f));
        assertThat(Nms.iou(a, car(0.5f, 0.5f, 0.5f, 0.6f, 0.6f))).isZero();
    }

    @Test
    void validatesArguments() {
        assertThatThrownBy(() -> new Nms(0, 10)).hasMessageContaining("nmsIou");
        assertThatThrownBy(() -> new Nms(0.5, 0)).hasMessageContaining("maxDetections");
    }

    private static Detection car(float score, float x1, float y1, float x2, float y2) {
        return new Detection(2, "car", score, x1, y1, x2, y2);
    }
}
