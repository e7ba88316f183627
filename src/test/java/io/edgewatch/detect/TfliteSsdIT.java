package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.VideoFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped SSD-MobileNet-v2 uint8 TFLite model (built-in post-processing) on TensorFlow Lite + XNNPACK,
 * loaded the way the daemon loads it (DetectorFactory, format auto-detected), against NanoDet-m fp32 on
 * darknet's dog.jpg. No ground truth: the big objects must agree between the two detectors (IoU > 0.5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfliteSsdIT {
    static final Path SSD = Path.of("models/ssd-mobilenet-v2-coco-quant-postprocess.tflite");
    private static final Logger log = LoggerFactory.getLogger(TfliteSsdIT.class);
    private ModelDetector ssd;
    private ModelDetector nanodet;

    @BeforeAll
    void load() {
        DetectorFactory factory = new DetectorFactory(io.edgewatch.util.TimeSource.system());
        ssd = factory.open(SSD, null, null, 1, 416, 0.3, new Nms(0.6, 100));
        nanodet = factory.open(TestImages.fp32Model(), null, null, 1, 416, 0.3, new Nms(0.6, 100));
    }

    @AfterAll
    void close() {
        if (ssd != null) {
            ssd.close();
        }
        if (nanodet != null) {
            nanodet.close();
        }
    }

    @Test
    void detectsTheSsdFormatOnTfliteWithUint8Input() {
        assertThat(ssd.format()).isEqualTo(ModelFormat.SSD);
        assertThat(ssd.runtime()).isEqualTo("tflite+xnnpack");
        assertThat(ssd.modelName()).isEqualTo("ssd-mobilenet-v2-coco-quant-postprocess");
        assertThat(nanodet.format()).isEqualTo(ModelFormat.NANODET);
    }

    @Test
    void dogBicycleAndVehicleAgreeWithNanoDet() {
        VideoFrame frame = TestImages.load(TestImages.DOG, false);
        List<Detection> s = ssd.detect(frame);
        List<Detection> n = nanodet.detect(frame);
        log.info("ssd {}\nnanodet {}", s, n);
        for (String label : List.of("dog", "bicycle")) {
            Detection a = require(s, label);
            Detection b = require(n, label);
            assertThat(Nms.iou(a, b)).as("%s: ssd %s vs nanodet %s", label, a, b).isGreaterThan(0.5f);
        }
        Detection va = vehicle(s);
        Detection vb = vehicle(n);
        assertThat(Nms.iou(va, vb)).as("vehicle: ssd %s vs nanodet %s", va, vb).isGreaterThan(0.5f);
        assertThat(ssd.inferenceTiming().count()).isPositive();
    }

    @Test
    void personInPersonJpgAgreesWithNanoDet() {
        VideoFrame frame = TestImages.load(TestImages.PERSON, false);
        Detection a = require(ssd.detect(frame), "person");
        Detection b = require(nanodet.detect(frame), "person");
        assertThat(Nms.iou(a, b)).as("ssd %s vs nanodet %s", a, b).isGreaterThan(0.5f);
        assertThat(a.height()).isGreaterThan(0.5f);
    }

    private static Detection vehicle(List<Detection> found) {
        return best(found, "truck").or(() -> best(found, "car"))
                .orElseThrow(() -> new AssertionError("no truck or car in " + found));
    }

    private static Optional<Detection> best(List<Detection> found, String label) {
        return found.stream().filter(d -> d.label().equals(label)).findFirst();
    }

    private static Detection require(List<Detection> found, String label) {
        return best(found, label).orElseThrow(() -> new AssertionError("no " + label + " in " + found));
    }
}
