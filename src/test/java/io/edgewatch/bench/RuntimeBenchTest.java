package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.VideoFrame;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime rows take any model format through the detect() path next to the NanoDet rows. */
class RuntimeBenchTest {
    @Test
    void aTfliteModelGetsItsOwnDetectRow() throws Exception {
        FrameSource.Picture p = SampleFrames.picture(Path.of("test-videos/vtest-people.mp4"), BenchSuite.SAMPLE_FRAME);
        FloatBuffer input = SampleFrames.input(p, BenchSuite.INPUT_SIZE);
        VideoFrame frame = new VideoFrame("t", 0, 0, Instant.EPOCH, p.width(), p.height(), p.bgr());
        List<String> progress = new ArrayList<>();
        List<RuntimeBench.Result> rows = new RuntimeBench(Path.of("models/nanodet-m-416.int8.onnx"),
                Path.of("models/nanodet-m-416.onnx"), BenchSuite.INPUT_SIZE, false,
                List.of(Path.of("models/ssd-mobilenet-v2-coco-quant-postprocess.tflite"), Path.of("no/such.onnx")),
                frame, progress::add).run(input, List.of(1), 1, 3);
        assertThat(rows).extracting(RuntimeBench.Result::runtime).contains("ort-int8", "ort-fp32",
                "detect:ssd-mobilenet-v2-coco-quant-postprocess (tflite+xnnpack)", "detect:such.onnx");
        RuntimeBench.Result ssd = rows.stream().filter(r -> r.runtime().startsWith("detect:ssd")).findFirst().orElseThrow();
        assertThat(ssd.error()).isNull();
        assertThat(ssd.latencyMs().p50()).isPositive();
        RuntimeBench.Result missing = rows.stream().filter(r -> r.runtime().equals("detect:such.onnx")).findFirst()
                .orElseThrow();
        assertThat(missing.error()).contains("model file not found");
    }
}
