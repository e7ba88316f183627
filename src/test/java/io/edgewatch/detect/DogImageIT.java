package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fp32 NanoDet-m on darknet's classic test images. Reference boxes (pixels, from the well-known
 * YOLO outputs on these images) are loose: a box must overlap its reference by IoU >= 0.5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DogImageIT {
    private static final Logger log = LoggerFactory.getLogger(DogImageIT.class);
    private NanoDetDetector detector;

    @BeforeAll
    void load() {
        NanoDetDecoder decoder = new NanoDetDecoder(416, 0.25, new Nms(0.6, 100));
        detector = new NanoDetDetector(TestImages.fp32Model(), 2, decoder, TimeSource.system(), 16);
    }

    @AfterAll
    void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void dogBicycleAndTruckInDogJpg() {
        VideoFrame frame = TestImages.load(TestImages.DOG, false); // 768x576
        List<Detection> found = detector.detect(frame);
        log.info("{}x{}: {}", frame.width(), frame.height(), found);

        Detection dog = require(found, "dog");
        Detection bicycle = require(found, "bicycle");
        Detection vehicle = best(found, "truck").or(() -> best(found, "car"))
                .orElseThrow(() -> new AssertionError("no truck or car in " + found));
        // dog bottom-left, bicycle across the middle, truck top-right
        assertThat(centreX(dog)).isLessThan(0.5f);
        assertThat(centreY(dog)).isGreaterThan(0.5f);
        assertThat(centreX(vehicle)).isGreaterThan(0.6f);
        assertThat(centreY(vehicle)).isLessThan(0.4f);
        assertThat(bicycle.width()).isGreaterThan(0.4f);
        assertThat(Nms.iou(dog, ref(frame, 132, 223, 311, 541))).as("dog %s", dog).isGreaterThan(0.5f);
        assertThat(Nms.iou(bicycle, ref(frame, 117, 124, 570, 426))).as("bicycle %s", bicycle).isGreaterThan(0.5f);
        assertThat(Nms.iou(vehicle, ref(frame, 462, 78, 693, 171))).as("vehicle %s", vehicle).isGreaterThan(0.5f);
    }

    @Test
    void personHorseAndDogInPersonJpg() {
        VideoFrame frame = TestImages.load(TestImages.PERSON, false); // 640x424
        List<Detection> found = detector.detect(frame);
        log.info("{}x{}: {}", frame.width(), frame.height(), found);

        Detection person = require(found, "person");
        Detection horse = require(found, "horse");
        Detection dog = require(found, "dog");
        assertThat(centreX(dog)).isLessThan(centreX(person));
        assertThat(centreX(horse)).isGreaterThan(centreX(person));
        assertThat(person.height()).isGreaterThan(0.5f);
        assertThat(Nms.iou(person, ref(frame, 190, 97, 274, 381))).as("person %s", person).isGreaterThan(0.5f);
        assertThat(Nms.iou(horse, ref(frame, 400, 137, 600, 345))).as("horse %s", horse).isGreaterThan(0.5f);
        assertThat(Nms.iou(dog, ref(frame, 60, 263, 203, 348))).as("dog %s", dog).isGreaterThan(0.5f);
    }

    @Test
    void reportsIdentityAndTiming() {
        assertThat(detector.modelName()).isEqualTo("nanodet-m-416");
        assertThat(detector.modelSha256()).matches("[0-9a-f]{64}");
        detector.detect(TestImages.load(TestImages.DOG, false));
        assertThat(detector.inferenceTiming().lastEndNanos())
                .isGreaterThan(detector.inferenceTiming().lastStartNanos());
        assertThat(detector.inferenceTiming().recentLatenciesNanos()).isNotEmpty();
        assertThat(Arrays.stream(detector.inferenceTiming().recentLatenciesNanos()).min().orElseThrow()).isPositive();
        assertThat(detector.preprocessTiming().count()).isPositive();
    }

    @Test
    void rejectsAnInputSizeTheModelDoesNotHave() {
        NanoDetDecoder wrong = new NanoDetDecoder(320, 0.25, new Nms(0.6, 100));
        assertThatThrownBy(() -> new NanoDetDetector(TestImages.fp32Model(), 1, wrong, TimeSource.system(), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input_1").hasMessageContaining("[1,3,320,320]");
    }

    @Test
    void closedDetectorRefusesWork() {
        NanoDetDecoder decoder = new NanoDetDecoder(416, 0.25, new Nms(0.6, 100));
        NanoDetDetector other = new NanoDetDetector(TestImages.fp32Model(), 1, decoder, TimeSource.system(), 4);
        other.close();
        other.close();
        assertThatThrownBy(() -> other.detect(TestImages.load(TestImages.DOG, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static Optional<Detection> best(List<Detection> found, String label) {
        return found.stream().filter(d -> d.label().equals(label)).findFirst();
    }

    private static Detection require(List<Detection> found, String label) {
        return best(found, label).orElseThrow(() -> new AssertionError("no " + label + " in " + found));
    }

    private static Detection ref(VideoFrame f, int x1, int y1, int x2, int y2) {
        return new Detection(0, "ref", 1f, (float) x1 / f.width(), (float) y1 / f.height(),
                (float) x2 / f.width(), (float) y2 / f.height());
    }

    private static float centreX(Detection d) { return (d.x1() + d.x2()) / 2; }

    private static float centreY(Detection d) { return (d.y1() + d.y2()) / 2; }
}
