package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorFactoryTest {
    @Test
    void baseScoreIsTheLowestConfiguredScoreCappedAtTheDefault() {
        assertThat(DetectorFactory.baseScore(config(0.5, Map.of()))).isEqualTo(0.25);
        assertThat(DetectorFactory.baseScore(config(0.5, Map.of("dog", 0.15)))).isEqualTo(0.15);
        assertThat(DetectorFactory.baseScore(config(0.2, Map.of("dog", 0.3)))).isEqualTo(0.2);
        assertThat(DetectorFactory.baseScore(config(0.0, Map.of()))).isEqualTo(0.01);
    }

    @Test
    void missingModelFileIsNamed() {
        DetectorFactory factory = new DetectorFactory(TimeSource.system());
        ModelConfig model = new ModelConfig(Path.of("no/such/model.onnx"), 1, 416);
        assertThatThrownBy(() -> factory.create(model, config(0.5, Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no/such/model.onnx");
    }

    private static DetectConfig config(double minScore, Map<String, Double> perLabel) {
        return new DetectConfig(minScore, perLabel, List.of(), 0.6);
    }
}
