package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.BudgetConfig;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.DeviceConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.LoggingConfig;
import io.edgewatch.config.MetricsConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.track.EventStage;
import io.edgewatch.track.TrackerSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live reload applies filters and fps to the running stage and slot, and names what needs a restart. */
class LiveConfigTest {
    private final List<DetectionEvent> events = new ArrayList<>();
    private final EventStage stage = new EventStage(detect(0.9), TrackerSettings.defaults(),
            EventFactory.standard("box"), new DetectionEvent.ModelRef("m", "0".repeat(64)), events::add);
    private final CameraSlot slot = new CameraSlot("door", 5, () -> null);

    static DetectConfig detect(double minScore) {
        return new DetectConfig(minScore, Map.of(), List.of("person"), 0.5);
    }

    static EdgewatchConfig config(DetectConfig detect, double fps, String url, String model) {
        return new EdgewatchConfig(new DeviceConfig("box"), new LoggingConfig("info"),
                new ModelConfig(Path.of(model), 1, 416), detect,
                new MqttConfig("", "127.0.0.1", 1883, "edgewatch", "", "", "", 1),
                List.of(CameraConfig.builder("door").url(url).detectFps(fps).build()), MetricsConfig.defaults(),
                BudgetConfig.defaults(), io.edgewatch.config.SnapshotConfig.DISABLED);
    }

    private void frame(long seq) {
        VideoFrame f = new VideoFrame("door", seq, seq * 100_000_000L, Instant.EPOCH, 4, 4, new byte[48]);
        stage.accept(f, List.of(new Detection(0, "person", 0.6f, 0.1f, 0.1f, 0.5f, 0.5f)));
    }

    @Test
    void thresholdAndFpsApplyToTheRunningPipeline() {
        LiveConfig live = new LiveConfig(config(detect(0.9), 5, "rtsp://cam/1", "a.onnx"), stage, List.of(slot));
        frame(1);
        frame(2);
        assertThat(events).as("0.6 < 0.9").isEmpty();

        List<String> restart = live.apply(config(detect(0.5), 2, "rtsp://cam/1", "a.onnx"));
        frame(3);
        frame(4); // the tracker confirms a track on its second hit
        assertThat(restart).isEmpty();
        assertThat(events).hasSize(1);
        assertThat(slot.intervalNanos()).isEqualTo(500_000_000L);
        assertThat(live.current().detect().minScore()).isEqualTo(0.5);
    }

    @Test
    void urlChangesWaitForARestartModelIsHotSwapped() {
        EdgewatchConfig start = config(detect(0.5), 5, "rtsp://cam/1", "a.onnx");
        EdgewatchConfig next = config(new DetectConfig(0.5, Map.of(), List.of("person"), 0.6), 5, "rtsp://cam/2",
                "b.onnx");
        assertThat(LiveConfig.restartNeeded(start, next))
                .containsExactly("detect.nms_iou", "cameras[0].url");
        assertThat(LiveConfig.restartNeeded(start, start)).isEmpty();
    }
}
