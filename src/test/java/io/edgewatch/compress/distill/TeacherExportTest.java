package io.edgewatch.compress.distill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.NanoDetDecoder;
import io.edgewatch.detect.NanoDetDetector;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports a few frames of the bundled clip labelled by the fp32 NanoDet and reads the result back. */
class TeacherExportTest {

    @TempDir
    Path out;

    @Test
    void framesAndTeacherBoxesRoundTripAsCoco() throws Exception {
        List<VideoFrame> frames = FrameSampler.read("test-videos/vtest-people.mp4",
                new FrameSampler.Selection(20, 40, 4), s -> { });
        try (NanoDetDetector teacher = new NanoDetDetector(Path.of("models/nanodet-m-416.onnx"), 2,
                new NanoDetDecoder(416, 0.3, new Nms(0.6, 100)), TimeSource.system(), 16)) {
            TeacherExport.Summary s = new TeacherExport(teacher, 0.4, 90).export(frames, out, m -> { });
            assertThat(s.images()).isEqualTo(4);
            JsonNode coco = new ObjectMapper().readTree(s.annotationsFile().toFile());
            assertThat(coco.get("images")).hasSize(4);
            assertThat(coco.get("categories")).hasSize(80);
            assertThat(coco.get("categories").get(0).get("name").asText()).isEqualTo("person");
            int expected = 0;
            for (VideoFrame f : frames) {
                expected += (int) teacher.detect(f).stream().filter(d -> d.score() >= 0.4).count();
            }
            assertThat(s.annotations()).isEqualTo(expected).isGreaterThan(4); // people walk through every frame
            for (JsonNode img : coco.get("images")) {
                VideoFrame back = FrameSampler.readImage(out.resolve(img.get("file_name").asText()), 0);
                assertThat(back.width()).isEqualTo(768);
                assertThat(back.height()).isEqualTo(576);
            }
            for (JsonNode a : coco.get("annotations")) {
                JsonNode b = a.get("bbox");
                assertThat(b.get(0).asDouble()).isBetween(-1.0, 768.0);
                assertThat(b.get(2).asDouble()).isPositive();
                assertThat(a.get("score").asDouble()).isGreaterThanOrEqualTo(0.4);
            }
            // a person box of the first frame survives the JPEG round trip (teacher on the decoded JPEG)
            VideoFrame jpeg = FrameSampler.readImage(out.resolve("images/000000.jpg"), 0);
            List<Detection> again = teacher.detect(jpeg);
            assertThat(again).anyMatch(d -> d.label().equals("person") && d.score() >= 0.4);
        }
        assertThat(Files.list(out.resolve("images")).count()).isEqualTo(4);
    }
}
