package io.edgewatch.config;

import static io.edgewatch.config.ConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.path: auto and model.variants: defaults, resolution against the config's directory, errors. */
class ModelAutoConfigTest {
    private static final String CAM = "cameras: [{name: a, url: rtsp://cam/s}]\n";

    @TempDir
    Path base;

    @BeforeEach
    void installFiles() throws Exception {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.onnx");
    }

    private ModelConfig model(String yaml) throws ConfigException {
        return new ConfigLoader(Map.of(), base).parse(yaml + CAM, "t.yaml").model();
    }

    @Test
    void autoUsesTheShippedVariantsReferenceFirstResolvedAgainstTheConfigDirectory() throws Exception {
        ModelConfig m = model("model: {path: auto}\n");
        assertThat(m.auto()).isTrue();
        assertThat(m.variants()).containsExactly(base.resolve("models/nanodet-m-416.onnx"),
                base.resolve("models/nanodet-m-416.int8.onnx"));
        assertThat(m.withPath(m.variants().get(1)).auto()).isFalse();
        assertThat(model("model: {path: models/nanodet-m-416.int8.onnx}\n").auto()).isFalse();
    }

    @Test
    void variantsMustExistOnlyForAutoAndBeAtLeastTwo() {
        String missing = "model: {path: auto, variants: [models/nanodet-m-416.onnx, models/gone.onnx]}\n";
        assertThat(catchConfig(() -> model(missing)).format())
                .contains("model.variants[1]: models/gone.onnx: model file not found: " + base.resolve("models/gone.onnx"));
        String one = "model: {path: auto, variants: [models/nanodet-m-416.onnx]}\n";
        assertThat(catchConfig(() -> model(one)).format())
                .contains("model.variants: ", "must list at least two files, the fp32 reference first");
        // without auto the shipped defaults need not be installed
        ConfigException none = null;
        try {
            model("model: {path: models/nanodet-m-416.int8.onnx, variants: [a.onnx, b.onnx]}\n");
        } catch (ConfigException e) {
            none = e;
        }
        assertThat(none).isNull();
    }
}
