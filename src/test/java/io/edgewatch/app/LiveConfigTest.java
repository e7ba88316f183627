package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.BudgetConfig;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.DecodeMode;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.DeviceConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.LoggingConfig;
import io.edgewatch.config.MetricsConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.config.SnapshotConfig;
import io.edgewatch.config.ZoneConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reload rule (issue 13 item 2): every key of the loader's catalogue is either applied live or named as
 * waiting for a restart, docs/config.md says the same, and the diff reports exactly the restart-only keys.
 */
class LiveConfigTest {
    private static final Pattern RELOAD_ROW = Pattern.compile("^\\|\\s*(live|restart)\\s*\\|([^|]*)\\|");
    private static final Pattern KEY = Pattern.compile("`([a-z_\\[\\].]+)`");

    @Test
    void everyCatalogueKeyIsLiveOrRestartOnlyAndNothingElse() {
        List<String> catalogue = ConfigLoader.keyPaths();
        Set<String> both = new HashSet<>(LiveConfig.LIVE);
        both.retainAll(LiveConfig.RESTART);
        assertThat(both).as("a key is either live or restart-only").isEmpty();
        for (String key : catalogue) {
            assertThat(LiveConfig.LIVE.contains(key) || LiveConfig.RESTART.contains(key))
                    .as("config key %s is neither applied live (LiveConfig.LIVE) nor restart-only "
                            + "(LiveConfig.RESTART)", key).isTrue();
        }
        Set<String> all = new HashSet<>(LiveConfig.LIVE);
        all.addAll(LiveConfig.RESTART);
        assertThat(all).as("no stale key in the sets").containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void docsLiveReloadTableMatchesTheCode() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs/config.md"))) {
            Matcher row = RELOAD_ROW.matcher(line);
            if (row.find()) {
                Matcher k = KEY.matcher(row.group(2));
                while (k.find()) {
                    assertThat(documented.put(k.group(1), row.group(1))).as("listed twice: " + k.group(1)).isNull();
                }
            }
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(ConfigLoader.keyPaths());
        documented.forEach((key, mode) -> assertThat(mode).as(key)
                .isEqualTo(LiveConfig.RESTART.contains(key) ? "restart" : "live"));
    }

    @Test
    void onlyRestartOnlyKeysAreReportedAsWaiting() {
        EdgewatchConfig start = config(0.5, camera("door").build(), mqtt("tcp://127.0.0.1:1883", "a.db"), "a.onnx");
        assertThat(LiveConfig.restartNeeded(start, start)).isEmpty();

        CameraConfig redrawn = camera("door").url("rtsp://cam/2").detectFps(2).weight(3).decode(DecodeMode.KEYFRAMES)
                .zones(List.of(new ZoneConfig("yard", List.of(new ZoneConfig.Point(0, 0),
                        new ZoneConfig.Point(1, 0), new ZoneConfig.Point(1, 1))))).build();
        EdgewatchConfig live = config(0.3, redrawn, mqtt("tcp://127.0.0.1:1884", "a.db"), "a.onnx");
        assertThat(LiveConfig.restartNeeded(start, live)).as("camera, detect and broker changes are live").isEmpty();

        EdgewatchConfig restart = config(0.5, camera("door").build(), mqtt("tcp://127.0.0.1:1883", "b.db"), "b.onnx");
        assertThat(LiveConfig.restartNeeded(start, restart)).as("model.path is hot-swapped").containsExactly("mqtt.outbox_path");
    }

    @Test
    void anMqttChangeReconnectsButAnOutboxChangeAloneDoesNot() {
        CameraConfig door = camera("door").build();
        EdgewatchConfig a = config(0.5, door, mqtt("tcp://127.0.0.1:1883", "a.db"), "a.onnx");
        assertThat(LiveConfig.mqttChanged(a, config(0.5, door, mqtt("tcp://127.0.0.1:1884", "a.db"), "a.onnx")))
                .isTrue();
        assertThat(LiveConfig.mqttChanged(a, config(0.5, door, mqtt("tcp://127.0.0.1:1883", "b.db"), "a.onnx")))
                .isFalse();
        assertThat(LiveConfig.mqttChanged(a, a)).isFalse();
    }

    @Test
    void onlyStreamKeysRestartACamerasIngest() {
        CameraConfig a = camera("door").build();
        assertThat(CameraSet.streamChanged(a, camera("door").detectFps(1).weight(2).build())).isFalse();
        assertThat(CameraSet.streamChanged(a, camera("door").url("rtsp://cam/9").build())).isTrue();
        assertThat(CameraSet.streamChanged(a, camera("door").detectUrl("rtsp://cam/sub").build())).isTrue();
        assertThat(CameraSet.streamChanged(a, camera("door").hwaccel("h264_v4l2m2m").build())).isTrue();
        assertThat(CameraSet.streamChanged(a, camera("door").decode(DecodeMode.KEYFRAMES).build())).isTrue();
    }

    private static CameraConfig.Builder camera(String name) {
        return CameraConfig.builder(name).url("rtsp://cam/1");
    }

    private static MqttConfig mqtt(String url, String outbox) {
        return new MqttConfig(url, "127.0.0.1", 1883, "edgewatch", "", "", "", 1, Path.of(outbox), 100,
                Duration.ofHours(1));
    }

    private static EdgewatchConfig config(double minScore, CameraConfig camera, MqttConfig mqtt, String model) {
        return new EdgewatchConfig(new DeviceConfig("box"), new LoggingConfig("info"),
                new ModelConfig(Path.of(model), 1, 416), new DetectConfig(minScore, Map.of(), List.of("person"), 0.5),
                mqtt, List.of(camera), MetricsConfig.defaults(), BudgetConfig.defaults(), SnapshotConfig.DISABLED);
    }
}
