package io.edgewatch.compress.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.detect.Agreement;
import io.edgewatch.detect.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFidelityTest {
    private static Detection box(String label, float score, float x1, float x2) {
        return new Detection(label.equals("person") ? 0 : 2, label, score, x1, 0.1f, x2, 0.5f);
    }

    @Test
    void perClassApAveragesTheTenIouThresholdsAndMatchesTheOverallMeans() {
        Agreement ev = new Agreement(0.4);
        Detection person = box("person", 0.9f, 0.1f, 0.3f);
        Detection car = box("car", 0.8f, 0.5f, 0.9f);
        // The candidate's car is shifted: IoU 0.6 passes at 0.50 and 0.55/0.60 only.
        Detection carShifted = box("car", 0.8f, 0.55f, 0.95f);
        ev.add(List.of(person, car), List.of(person, carShifted));
        ModelFidelity f = ModelFidelity.of("int8", ev);
        assertThat(f.images()).isEqualTo(1);
        assertThat(f.perClassAp50()).containsEntry("person", 1.0).containsEntry("car", 1.0);
        assertThat(f.perClassAp5095().get("person")).isEqualTo(1.0, within(1e-9));
        double iou = io.edgewatch.detect.Nms.iou(car, carShifted);
        long passing = java.util.stream.IntStream.range(0, 10).filter(i -> iou >= 0.5 + 0.05 * i - 1e-12).count();
        assertThat(f.perClassAp5095().get("car")).isEqualTo(passing / 10.0, within(1e-9));
        assertThat(f.ap50to95()).isEqualTo((1.0 + passing / 10.0) / 2, within(1e-9));
        assertThat(f.gtCounts()).containsEntry("car", 1).containsEntry("person", 1);
    }

    @Test
    void meansOverFrequentClassesLeaveOutRareOnes() {
        ModelFidelity f = new ModelFidelity("m", 10, 0.75, 0.6, java.util.Map.of("person", 1.0, "dog", 0.5),
                java.util.Map.of("person", 0.9, "dog", 0.3), java.util.Map.of("person", 40, "dog", 2));
        assertThat(f.ap50Over(0)).isEqualTo(0.75, within(1e-9));
        assertThat(f.ap50Over(20)).isEqualTo(1.0, within(1e-9));
        assertThat(f.ap50to95Over(20)).isEqualTo(0.9, within(1e-9));
        assertThat(f.classesOver(20)).isEqualTo(1);
        assertThat(f.ap50Over(100)).isNaN();
    }

    @Test
    void markdownTablesListModelsClassesAndImageDetections() {
        Agreement ev = new Agreement(0.4);
        Detection person = box("person", 0.9f, 0.1f, 0.3f);
        ev.add(List.of(person), List.of(person));
        List<ModelFidelity> r = List.of(ModelFidelity.of("a", ev));
        assertThat(FidelityMarkdown.overall(r, 1)).contains("| a | 1 | 1.0000 | 1.0000 | 1 (1) | 1.0000 | 1.0000 |");
        assertThat(FidelityMarkdown.perClass(r)).contains("| person | 1 | 1.000 | 1.000 |");
        String images = FidelityMarkdown.images(List.of(new FidelityMarkdown.ImageResult("dog.jpg", "a",
                List.of(person, box("car", 0.2f, 0.5f, 0.9f)))), 0.4);
        assertThat(images).contains("| dog.jpg | a | person 0.90 [0.100 0.100 0.300 0.500] |").doesNotContain("car");
    }
}
