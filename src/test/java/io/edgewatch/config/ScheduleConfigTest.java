package io.edgewatch.config;

import static io.edgewatch.config.ConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduling keys: budget, per-camera weight, motion gate, decode mode, sub-stream and hwaccel. */
class ScheduleConfigTest {
    @TempDir
    Path base;

    @BeforeEach
    void model() throws Exception {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
    }

    private EdgewatchConfig parse(String yaml) throws ConfigException {
        return new ConfigLoader(Map.of(), base).parse(yaml, "t.yaml");
    }

    @Test
    void everyKeyIsRead() throws Exception {
        EdgewatchConfig c = parse("""
                budget: {inference_fraction: 0.4}
                cameras:
                  - name: a
                    url: rtsp://cam/main
                    detect_url: rtsp://u:p@cam/sub
                    weight: 2.5
                    decode: KeyFrames
                    hwaccel: h264_v4l2m2m
                    motion:
                      enabled: true
                      threshold: 30
                      min_area: 0.02
                      refresh_seconds: 5
                      masks: ["0,0 1,0 1,0.1", "0.5,0.5 0.6,0.5 0.6,0.6 0.5,0.6"]
                """);
        assertThat(c.budget().inferenceFraction()).isEqualTo(0.4);
        CameraConfig cam = c.cameras().get(0);
        assertThat(cam.weight()).isEqualTo(2.5);
        assertThat(cam.decode()).isEqualTo(DecodeMode.KEYFRAMES);
        assertThat(cam.hwaccel()).isEqualTo("h264_v4l2m2m");
        assertThat(cam.detectUrl()).isEqualTo("rtsp://u:p@cam/sub");
        assertThat(cam.ingestUrl()).isEqualTo("rtsp://u:p@cam/sub");
        assertThat(cam.motion()).isEqualTo(new MotionConfig(true, 30, 0.02, 5, List.of(
                List.of(0.0, 0.0, 1.0, 0.0, 1.0, 0.1), List.of(0.5, 0.5, 0.6, 0.5, 0.6, 0.6, 0.5, 0.6))));
    }

    @Test
    void defaultsKeepTheOldBehaviour() throws Exception {
        EdgewatchConfig c = parse("cameras: [{name: a, url: rtsp://cam/s}]");
        assertThat(c.budget()).isEqualTo(BudgetConfig.defaults());
        CameraConfig cam = c.cameras().get(0);
        assertThat(cam.motion().enabled()).isFalse();
        assertThat(cam.decode()).isEqualTo(DecodeMode.ALL);
        assertThat(cam.ingestUrl()).isEqualTo("rtsp://cam/s");
        assertThat(cam.weight()).isEqualTo(1.0);
    }

    @Test
    void badValuesAreAllReportedWithTheirPath() {
        String errors = catchConfig(() -> parse("""
                budget: {inference_fraction: 1.5}
                cameras:
                  - name: a
                    url: rtsp://cam/s
                    detect_url: ftp://cam/sub
                    weight: 0
                    decode: some
                    hwaccel: "h264 v4l2"
                    motion: {threshold: 300, min_area: 2, refresh_seconds: 0, masks: ["0,0 1,1", "0,0 2,0 1,1"], x: 1}
                """)).format();
        assertThat(errors.lines()).as("order: ConfigOrderTest").containsExactlyInAnyOrder(
                "cameras[0].decode: some: must be one of all, nonref, keyframes",
                "cameras[0].motion.x: unknown key (known: enabled, threshold, min_area, refresh_seconds, masks)",
                "cameras[0].motion.threshold: 300: must be between 0 and 255 (grey levels)",
                "cameras[0].motion.min_area: 2: must be between 0 and 1 (fraction of the picture)",
                "cameras[0].motion.refresh_seconds: 0: must be positive and at most 86400",
                "cameras[0].motion.masks[0]: 0,0 1,1: must be at least 3 points \"x,y x,y x,y\" with x and y between 0 and 1",
                "cameras[0].motion.masks[1]: 0,0 2,0 1,1: must be at least 3 points \"x,y x,y x,y\" with x and y between 0 and 1",
                "cameras[0].weight: 0: must be positive and at most 100",
                "cameras[0].hwaccel: h264 v4l2: must be an FFmpeg decoder name such as h264_v4l2m2m, or empty",
                "cameras[0].detect_url: ftp://cam/sub: must be an rtsp, rtsps, http or https URL (the camera's sub-stream)",
                "budget.inference_fraction: 1.5: must be greater than 0 and at most 1");
    }

    @Test
    void subStreamCredentialsAreRedactedInErrors() {
        String errors = catchConfig(() -> parse(
                "cameras: [{name: a, url: rtsp://cam/s, detect_url: \"ftp://viewer:s3cret@cam/sub\"}]")).format();
        assertThat(errors).doesNotContain("s3cret").contains("viewer:***@");
    }
}
