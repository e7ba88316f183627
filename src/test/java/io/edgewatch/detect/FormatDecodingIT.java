package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.ingest.VideoFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ONNX format through a real ONNX Runtime session: tiny models whose outputs are constant tensors in
 * each layout, so the decoded boxes, scores and classes are known exactly. Input 64x64: the YOLO heads have
 * 64 + 16 + 4 = 84 cells over strides 8/16/32.
 */
class FormatDecodingIT {
    private static final int CELLS = 84;
    private static final float EPS = 1e-5f;
    @TempDir
    Path dir;

    private ModelDetector open(Path model, ModelFormat format, Path labels, Nms nms) {
        return new DetectorFactory(io.edgewatch.util.TimeSource.system()).open(model, format, labels, 1, 64, 0.25, nms);
    }

    private static VideoFrame frame(int w, int h) {
        return new VideoFrame("t", 1, 0, Instant.EPOCH, w, h, new byte[w * h * 3]);
    }

    /** [1, 4+C, N] channels-first rows; set(row, values...) writes cx, cy, w, h, scores... */
    private static void v8Row(float[] t, int classes, int row, float... v) {
        for (int ch = 0; ch < v.length; ch++) {
            t[ch * CELLS + row] = v[ch];
        }
    }

    @Test
    void yolov8LetterboxUnmappingBorderClippingAndMetadataNames() {
        float[] t = new float[(4 + 3) * CELLS];
        v8Row(t, 3, 0, 32, 32, 16, 32, 0f, 0.9f, 0f);      // dog, centred
        v8Row(t, 3, 1, 60, 40, 16, 8, 0.8f, 0f, 0f);       // cat crossing the right border
        v8Row(t, 3, 2, 10, 10, 4, 4, 0f, 0f, 0.2f);        // below the 0.25 threshold
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("output0", t, 1, 7, CELLS)
                .metadata("names", "{0: 'cat', 1: 'dog', 2: \"bird's\"}").write(dir, "v8.onnx");
        try (ModelDetector d = open(model, null, null, new Nms(0.5, 100))) {
            assertThat(d.format()).isEqualTo(ModelFormat.YOLOV8);
            // 128x64 frame: scale 0.5, content 64x32, padded 16 px top and bottom
            List<Detection> found = d.detect(frame(128, 64));
            assertThat(found).hasSize(2);
            Detection dog = found.get(0);
            assertThat(dog.label()).isEqualTo("dog");
            assertThat(dog.classId()).isEqualTo(1);
            assertThat(dog.score()).isCloseTo(0.9f, within(EPS));
            assertBox(dog, 24 / 64f, 0f, 40 / 64f, 1f);
            Detection cat = found.get(1);
            assertThat(cat.label()).isEqualTo("cat");
            assertBox(cat, 52 / 64f, 20 / 32f, 1f, 28 / 32f);
        }
    }

    @Test
    void yolov5ObjectnessTimesClassAndLabelsFile() throws Exception {
        int rows = 3 * CELLS;
        float[] t = new float[rows * 7];
        System.arraycopy(new float[] {32, 16, 20, 10, 0.5f, 0.1f, 0.8f}, 0, t, 5 * 7, 7);  // 0.4 -> keep
        System.arraycopy(new float[] {10, 10, 8, 8, 0.9f, 0.2f, 0.1f}, 0, t, 9 * 7, 7);    // 0.18 -> drop
        Path labels = Files.writeString(dir.resolve("labels.txt"), "forklift\npallet\n");
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("output0", t, 1, rows, 7).write(dir, "v5.onnx");
        try (ModelDetector d = open(model, null, labels, new Nms(0.5, 100))) {
            assertThat(d.format()).isEqualTo(ModelFormat.YOLOV5);
            List<Detection> found = d.detect(frame(64, 64));
            assertThat(found).hasSize(1);
            assertThat(found.get(0).label()).isEqualTo("pallet");
            assertThat(found.get(0).score()).isCloseTo(0.4f, within(EPS));
            assertBox(found.get(0), 22 / 64f, 11 / 64f, 42 / 64f, 21 / 64f);
        }
    }

    @Test
    void yoloxGridDecodeWithTopLeftLetterboxAndCocoDefault() {
        float[] t = new float[CELLS * 85];
        int row = 64 + 2 * 4 + 1; // stride 16, cell x=1, y=2
        t[row * 85] = 0.5f;
        t[row * 85 + 1] = 0.5f;
        t[row * 85 + 2] = (float) Math.log(2);
        t[row * 85 + 3] = 0f;
        t[row * 85 + 4] = 0.9f;
        t[row * 85 + 5 + 2] = 0.9f; // car
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("output", t, 1, CELLS, 85).write(dir, "x.onnx");
        try (ModelDetector d = open(model, null, null, new Nms(0.5, 100))) {
            assertThat(d.format()).isEqualTo(ModelFormat.YOLOX);
            // 64x128 portrait frame: scale 0.5, image at the top-left (x 0..32 of the input), no offset
            List<Detection> found = d.detect(frame(64, 128));
            assertThat(found).hasSize(1);
            assertThat(found.get(0).label()).isEqualTo("car");
            assertThat(found.get(0).score()).isCloseTo(0.81f, within(EPS));
            // box in input px: x 8..40, y 32..48 -> frame x 16..80 of 64 (clipped), y 64..96 of 128
            assertBox(found.get(0), 16 / 64f, 0.5f, 1f, 0.75f);
        }
    }

    @Test
    void ssdWithBuiltInPostProcessingHonoursCountAndCoco91Ids() {
        float[] boxes = {0.1f, 0.2f, 0.5f, 0.6f, 0f, 0f, 1f, 1f, 0.2f, 0.2f, 0.4f, 0.4f, 0, 0, 0, 0, 0, 0, 0, 0};
        float[] classes = {18, 12, 1, 0, 0}; // dog, a COCO-91 gap, person (beyond the count)
        float[] scores = {0.9f, 0.8f, 0.95f, 0, 0};
        Path model = ConstantOnnx.uint8Input(1, 32, 32, 3)
                .output("detection_boxes", boxes, 1, 5, 4).output("detection_classes", classes, 1, 5)
                .output("detection_scores", scores, 1, 5).output("num_detections", new float[] {2}, 1)
                .write(dir, "ssd.onnx");
        try (ModelDetector d = open(model, null, null, new Nms(0.5, 100))) {
            assertThat(d.format()).isEqualTo(ModelFormat.SSD);
            List<Detection> found = d.detect(frame(320, 240));
            assertThat(found).hasSize(1);
            assertThat(found.get(0).label()).isEqualTo("dog");
            assertBox(found.get(0), 0.2f, 0.1f, 0.6f, 0.5f);
        }
    }

    @Test
    void emptyOutputGivesNoDetections() {
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("output0", new float[6 * CELLS], 1, 6, CELLS)
                .write(dir, "empty.onnx");
        try (ModelDetector d = open(model, null, null, new Nms(0.5, 100))) {
            assertThat(d.format()).isEqualTo(ModelFormat.YOLOV8);
            assertThat(d.detect(frame(64, 64))).isEmpty();
        }
    }

    @Test
    void moreCandidatesThanTheNmsCapKeepsTheBestScores() {
        float[] t = new float[5 * CELLS];
        for (int i = 0; i < CELLS; i++) {
            v8Row(t, 1, i, (i % 12) * 5 + 3, (i / 12) * 5 + 3, 2, 2, 0.3f + i * 0.005f);
        }
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("output0", t, 1, 5, CELLS)
                .metadata("names", "{0: 'thing'}").write(dir, "many.onnx");
        try (ModelDetector d = open(model, null, null, new Nms(0.5, 10))) {
            List<Detection> found = d.detect(frame(64, 64));
            assertThat(found).hasSize(10);
            assertThat(found.get(0).score()).isCloseTo(0.3f + 83 * 0.005f, within(EPS));
            assertThat(found.get(9).score()).isCloseTo(0.3f + 74 * 0.005f, within(EPS));
        }
    }

    @Test
    void layoutOfNoKnownFormatIsOneClearError() {
        Path model = ConstantOnnx.floatInput(1, 3, 64, 64).output("out", new float[7 * 100], 1, 7, 100)
                .write(dir, "odd.onnx");
        assertThatThrownBy(() -> open(model, null, null, new Nms(0.5, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot tell the format of model odd")
                .hasMessageContaining("out[1, 7, 100]")
                .hasMessageContaining("yolov8 ([1,4+C,N]").hasMessageContaining("ssd (four outputs")
                .hasMessageContaining("Set model.format to one of auto, nanodet, yolov8, yolov5, yolox, ssd");
        // [1,84,84] at 64x64 is both yolov8 (4+80 channels x 84 cells) and yolox (84 cells x 79+5): refuse to guess
        Path square = ConstantOnnx.floatInput(1, 3, 64, 64).output("out", new float[84 * 84], 1, 84, 84)
                .write(dir, "square.onnx");
        assertThatThrownBy(() -> open(square, null, null, new Nms(0.5, 10)))
                .hasMessageContaining("fits several: yolov8, yolox");
        try (ModelDetector d = open(square, ModelFormat.YOLOX, null, new Nms(0.5, 10))) {
            assertThat(d.format()).isEqualTo(ModelFormat.YOLOX);
        }
        Path flat = ConstantOnnx.floatInput(1, 3, 64, 64).output("out", new float[10], 1, 10).write(dir, "flat.onnx");
        assertThatThrownBy(() -> open(flat, ModelFormat.YOLOV5, null, new Nms(0.5, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit model.format yolov5");
    }

    private static void assertBox(Detection d, float x1, float y1, float x2, float y2) {
        assertThat(d.x1()).as("x1 of %s", d).isCloseTo(x1, within(EPS));
        assertThat(d.y1()).as("y1 of %s", d).isCloseTo(y1, within(EPS));
        assertThat(d.x2()).as("x2 of %s", d).isCloseTo(x2, within(EPS));
        assertThat(d.y2()).as("y2 of %s", d).isCloseTo(y2, within(EPS));
    }
}
