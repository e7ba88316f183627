package io.edgewatch.config;

import static io.edgewatch.config.ConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error, in the order of the document; ports inside URLs; paths relative to the config file. */
class ConfigOrderTest {
    @TempDir
    Path base;

    @BeforeEach
    void files() throws Exception {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
        ConfigLoaderTest.touch(base, "clip.mp4");
    }

    private List<String> errors(String yaml) {
        return catchConfig(() -> new ConfigLoader(Map.of(), base).parse(yaml, "t.yaml")).errors().stream()
                .map(ConfigError::format).toList();
    }

    @Test
    void threeBadZonesGiveThreeLinesInDocumentOrder() {
        List<String> e = errors("""
                cameras:
                  - name: a
                    url: clip.mp4
                    zones:
                      - {name: Bad Name, points: [[0, 0], [1, 0], [1, 1]]}
                      - {name: two, points: [[0, 0], [1, 0]]}
                      - {name: three, points: [[0, 0], [2, 0], [1, 1]]}
                    masks: [[[0, 0]], [[0, 0], [1, 0], [1, 5]]]
                """);
        assertThat(e).hasSize(5);
        assertThat(e.get(0)).startsWith("cameras[0].zones[0].name: Bad Name:");
        assertThat(e.get(1)).startsWith("cameras[0].zones[1].points:");
        assertThat(e.get(2)).startsWith("cameras[0].zones[2].points:");
        assertThat(e.get(3)).startsWith("cameras[0].masks[0]:");
        assertThat(e.get(4)).startsWith("cameras[0].masks[1]:");
    }

    @Test
    void errorsFollowTheDocumentNotTheParser() {
        // The parser reads model before mqtt before cameras; the file says cameras, mqtt, model.
        List<String> e = errors("""
                cameras:
                  - {name: a, url: clip.mp4, detect_fps: -1}
                mqtt: {qos: 3}
                model: {threads: 0}
                device: {name: Bad Name}
                """);
        assertThat(e).extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("cameras[0].detect_fps", "mqtt.qos", "model.threads", "device.name");
    }

    @Test
    void portsInsideUrlsMustBeOneTo65535() {
        List<String> e = errors("""
                mqtt: {url: "tcp://127.0.0.1:70000"}
                cameras:
                  - {name: a, url: "rtsp://u:p@10.0.0.1:0/x", detect_url: "rtsp://10.0.0.1:99999/sub"}
                  - {name: b, url: "rtsp://[::1]:65536/x"}
                  - {name: c, url: "rtsp://u:p@10.0.0.1:554/x?password=p"}
                """);
        assertThat(e).containsExactly(
                "mqtt.url: tcp://127.0.0.1:70000: " + UrlPorts.RULE,
                "cameras[0].url: rtsp://u:***@10.0.0.1:0/x: " + UrlPorts.RULE,
                "cameras[0].detect_url: rtsp://10.0.0.1:99999/sub: " + UrlPorts.RULE,
                "cameras[1].url: rtsp://[::1]:65536/x: " + UrlPorts.RULE);
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesDirectoryNotTheWorkingDirectory() throws Exception {
        Path file = base.resolve("sub/edgewatch.yaml");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, """
                model: {path: ../models/nanodet-m-416.int8.onnx}
                mqtt: {outbox_path: state/outbox.db}
                cameras: [{name: a, url: ../clip.mp4}, {name: b, url: missing.mp4}]
                """);
        ConfigException e = catchConfig(() -> ConfigLoader.load(file));
        assertThat(e.format()).isEqualTo("cameras[1].url: missing.mp4: video file not found: "
                + base.resolve("sub/missing.mp4"));
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace(", {name: b, url: missing.mp4}", ""));
        EdgewatchConfig c = ConfigLoader.load(file);
        assertThat(c.model().path()).isEqualTo(base.resolve("models/nanodet-m-416.int8.onnx"));
        assertThat(c.cameras().get(0).url()).isEqualTo(base.resolve("clip.mp4").toString());
        assertThat(c.mqtt().outboxPath()).isEqualTo(base.resolve("sub/state/outbox.db"));
    }
}
