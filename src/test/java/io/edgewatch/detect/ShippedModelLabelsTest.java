package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CocoNames;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Config validates labels against {@link CocoNames}: every label a shipped detector emits must pass it. */
class ShippedModelLabelsTest {
    @ParameterizedTest
    @ValueSource(strings = {"models/nanodet-m-416.int8.onnx", "models/ssd-mobilenet-v2-coco-quant-postprocess.tflite"})
    void everyDetectorLabelIsAValidConfigLabel(String model) {
        try (ModelDetector d = new DetectorFactory(TimeSource.system())
                .open(Path.of(model), null, null, 1, 416, 0.3, new Nms(0.6, 100))) {
            assertThat(d.labels()).hasSize(80).allSatisfy(l -> assertThat(CocoNames.SET).contains(l));
        }
    }
}
