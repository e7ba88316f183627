package io.edgewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the shipped files, defaults, env placeholders, I/O and YAML syntax errors. */
class ConfigLoaderTest {
    static final Path SHIPPED = Path.of("config/edgewatch.yaml");
    static final Path RTSP_EXAMPLE = Path.of("config/examples/rtsp-cameras.yaml");

    @TempDir
    Path base;

    @BeforeEach
    void installFiles() throws IOException {
        touch(base, "models/nanodet-m-416.int8.onnx");
        touch(base, "models/nanodet-m-416.onnx");
        touch(base, "test-videos/vtest-people.mp4");
    }

    static void touch(Path dir, String file) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
    }

    /** A loader for a shipped file as if the checkout were at {@code base}: paths relative to the file's dir. */
    ConfigLoader shipped(Map<String, String> env, Path file) {
        return new ConfigLoader(env, base.resolve(file.getParent()));
    }

    ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(env, base);
    }

    @Test
    void shippedConfigLoads() throws Exception {
        EdgewatchConfig c = shipped(Map.of(), SHIPPED).read(SHIPPED);

        assertThat(c.device().name()).isEqualTo("edgewatch-1");
        assertThat(c.logging().level()).isEqualTo("info");
        assertThat(c.model().auto()).isTrue();
        assertThat(c.model().variants()).containsExactly(base.resolve("models/nanodet-m-416.onnx"),
                base.resolve("models/nanodet-m-416.int8.onnx"));
        assertThat(c.model().threads()).isEqualTo(1);
        assertThat(c.model().inputSize()).isEqualTo(416);
        assertThat(c.detect().minScore()).isEqualTo(0.45);
        assertThat(c.detect().labels()).containsExactly("person", "bicycle", "car", "motorcycle", "bus", "truck",
                "dog", "cat");
        assertThat(c.mqtt().embedded()).isTrue();
        assertThat(c.mqtt().embeddedHost()).isEqualTo("127.0.0.1");
        assertThat(c.mqtt().embeddedPort()).isEqualTo(1883);
        assertThat(c.mqtt().username()).isEmpty();
        assertThat(c.mqtt().qos()).isEqualTo(1);
        assertThat(c.cameras()).singleElement().satisfies(cam -> {
            assertThat(cam.name()).isEqualTo("demo");
            assertThat(cam.url()).isEqualTo(base.resolve("test-videos/vtest-people.mp4").toString());
            assertThat(cam.loop()).isTrue();
            assertThat(cam.detectFps()).isEqualTo(5.0);
            assertThat(cam.enabled()).isTrue();
        });
    }

    @Test
    void shippedConfigNeedsTheModelFile() throws Exception {
        Files.delete(base.resolve("models/nanodet-m-416.int8.onnx"));

        assertThatThrownBy(() -> shipped(Map.of(), SHIPPED).read(SHIPPED))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.format()).isEqualTo(
                        "model.variants[1]: ../models/nanodet-m-416.int8.onnx: model file not found: "
                                + base.resolve("models/nanodet-m-416.int8.onnx")));
    }

    @Test
    void rtspExampleLoadsWithCredentialsFromEnvironment() throws Exception {
        Map<String, String> env = Map.of("CAM_USER", "viewer", "CAM_PASSWORD", "s3cret",
                "MQTT_USER", "box", "MQTT_PASSWORD", "hunter2");

        EdgewatchConfig c = shipped(env, RTSP_EXAMPLE).read(RTSP_EXAMPLE);

        assertThat(c.cameras()).extracting(CameraConfig::url).containsExactly(
                "rtsp://viewer:s3cret@192.168.1.21:554/Streaming/Channels/102",
                "rtsp://viewer:s3cret@192.168.1.22:554/stream2");
        assertThat(c.cameras().get(1).rtspTransport()).isEqualTo(RtspTransport.UDP);
        assertThat(c.cameras().get(0).weight()).isEqualTo(2.0);
        assertThat(c.cameras().get(0).motion().enabled()).isTrue();
        assertThat(c.cameras().get(0).motion().masks()).hasSize(1);
        assertThat(c.budget().inferenceFraction()).isEqualTo(0.6);
        assertThat(c.mqtt().embedded()).isFalse();
        assertThat(c.mqtt().username()).isEqualTo("box");
        assertThat(c.mqtt().password()).isEqualTo("hunter2");
        assertThat(c.detect().minScoreFor("car")).isEqualTo(0.55);
        assertThat(c.detect().minScoreFor("dog")).isEqualTo(0.45);
    }

    @Test
    void rtspExampleWithoutEnvironmentNamesEveryMissingVariable() {
        ConfigException e = catchConfig(() -> shipped(Map.of(), RTSP_EXAMPLE).read(RTSP_EXAMPLE));

        assertThat(e.errors()).extracting(ConfigError::path).containsExactly(
                "mqtt.username", "mqtt.password",
                "cameras[0].url", "cameras[0].url", "cameras[1].url", "cameras[1].url");
        assertThat(e.format()).contains("mqtt.password: ***: environment variable MQTT_PASSWORD is not set")
                .contains("cameras[0].url: rtsp://${CAM_USER}:***@192.168.1.21:554/Streaming/Channels/102: "
                        + "environment variable CAM_PASSWORD is not set");
    }

    @Test
    void omittedKeysTakeDocumentedDefaults() throws Exception {
        EdgewatchConfig c = loader(Map.of()).parse("cameras: [{name: a, url: rtsp://cam/s}]", "t.yaml");

        assertThat(c.device().name()).isEqualTo("edgewatch");
        assertThat(c.logging().level()).isEqualTo("info");
        assertThat(c.model()).isEqualTo(new ModelConfig(base.resolve("models/nanodet-m-416.int8.onnx"), 1, 416,
                "auto", "", ModelConfig.DEFAULT_MIN_FIDELITY, false, ModelConfig.DEFAULT_VARIANTS.stream()
                .map(base::resolve).toList()));
        assertThat(c.detect()).isEqualTo(new DetectConfig(0.45, Map.of(), List.of(), 0.5));
        assertThat(c.mqtt()).isEqualTo(new MqttConfig("", "127.0.0.1", 1883, "edgewatch", "", "", "", 1,
                base.resolve("state/outbox.db"), 50_000, java.time.Duration.ofHours(48)));
        assertThat(c.cameras()).containsExactly(CameraConfig.builder("a").url("rtsp://cam/s").build());
    }

    @Test
    void outboxSettingsAreParsedAndThePathResolvedAgainstTheBaseDir() throws Exception {
        EdgewatchConfig c = loader(Map.of("STATE_DIRECTORY", "/var/lib/edgewatch")).parse("""
                mqtt: {outbox_path: "${STATE_DIRECTORY:-state}/outbox.db", outbox_max_events: 1000,
                       outbox_max_age: 90m}
                cameras: [{name: a, url: rtsp://cam/s}]
                """, "t.yaml");

        assertThat(c.mqtt().outboxPath()).isEqualTo(java.nio.file.Path.of("/var/lib/edgewatch/outbox.db"));
        assertThat(c.mqtt().outboxMaxEvents()).isEqualTo(1000);
        assertThat(c.mqtt().outboxMaxAge()).isEqualTo(java.time.Duration.ofMinutes(90));
        EdgewatchConfig d = loader(Map.of()).parse("""
                mqtt: {outbox_path: "${STATE_DIRECTORY:-state}/outbox.db", outbox_max_age: 7d}
                cameras: [{name: a, url: rtsp://cam/s}]
                """, "t.yaml");
        assertThat(d.mqtt().outboxPath()).isEqualTo(base.resolve("state/outbox.db"));
        assertThat(d.mqtt().outboxMaxAge()).isEqualTo(java.time.Duration.ofDays(7));
    }

    @Test
    void zonesMasksAndMinAreasAreParsed() throws Exception {
        EdgewatchConfig c = loader(Map.of()).parse("""
                detect: {label_min_area: {person: 0.002, car: 0.01}}
                cameras:
                  - name: a
                    url: rtsp://cam/s
                    zones:
                      - {name: porch, points: [[0.1, 0.5], [0.4, 0.5], [0.4, 1]]}
                      - {name: drive_way, points: [[0, 0], [1, 0], [1, 1], [0, 1]]}
                    masks: [[[0.7, 0], [1, 0], [1, 0.3]]]
                """, "t.yaml");

        assertThat(c.detect().minAreaFor("person")).isEqualTo(0.002);
        assertThat(c.detect().minAreaFor("dog")).isZero();
        CameraConfig cam = c.cameras().get(0);
        assertThat(cam.zones()).extracting(ZoneConfig::name).containsExactly("porch", "drive_way");
        assertThat(cam.zones().get(0).points()).containsExactly(new ZoneConfig.Point(0.1, 0.5),
                new ZoneConfig.Point(0.4, 0.5), new ZoneConfig.Point(0.4, 1));
        assertThat(cam.masks()).hasSize(1);
        assertThat(cam.masks().get(0).get(2)).isEqualTo(new ZoneConfig.Point(1, 0.3));
    }

    @Test
    void yamlNullMeansOmitted() throws Exception {
        EdgewatchConfig c = loader(Map.of()).parse("""
                logging:
                mqtt: {url: , qos: }
                cameras: [{name: a, url: rtsp://cam/s, detect_fps: }]
                """, "t.yaml");

        assertThat(c.logging().level()).isEqualTo("info");
        assertThat(c.mqtt().qos()).isEqualTo(1);
        assertThat(c.cameras().get(0).detectFps()).isEqualTo(5.0);
    }

    @Test
    void placeholdersWorkInNumbersAndBooleansAndDefaultsApply() throws Exception {
        EdgewatchConfig c = loader(Map.of("FPS", "2.5", "LOOP", "true", "EMPTY", "")).parse("""
                mqtt: {embedded_port: "${PORT:-1884}", topic_prefix: "${EMPTY:-site}/a"}
                cameras: [{name: a, url: rtsp://cam/s, detect_fps: "${FPS}", loop: "${LOOP}"}]
                """, "t.yaml");

        assertThat(c.mqtt().embeddedPort()).isEqualTo(1884);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("site/a");
        assertThat(c.cameras().get(0).detectFps()).isEqualTo(2.5);
        assertThat(c.cameras().get(0).loop()).isTrue();
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        ConfigException e = catchConfig(() -> loader(Map.of()).parse("""
                device:
                  name: a
                 logging: {level: info}
                """, "bad.yaml"));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.path()).isEqualTo("bad.yaml:3:2");
            assertThat(err.message()).startsWith("malformed YAML: ");
        });
    }

    @Test
    void malformedYamlDoesNotQuoteTheLine() {
        ConfigException e = catchConfig(() -> loader(Map.of()).parse("""
                mqtt:
                  password: "hunter2
                """, "bad.yaml"));

        assertThat(e.format()).startsWith("bad.yaml:").contains("malformed YAML").doesNotContain("hunter2");
    }

    @Test
    void duplicateKeyIsASyntaxError() {
        ConfigException e = catchConfig(() -> loader(Map.of()).parse("""
                device: {name: a}
                device: {name: b}
                """, "dup.yaml"));

        assertThat(e.format()).startsWith("dup.yaml:2:").contains("Duplicate field 'device'");
    }

    @Test
    void emptyFileAndMissingFileAreReported() throws IOException {
        assertThat(catchConfig(() -> loader(Map.of()).parse("# nothing\n", "empty.yaml")).format())
                .startsWith("empty.yaml: is empty");
        Path missing = base.resolve("nope.yaml");
        assertThat(catchConfig(() -> loader(Map.of()).read(missing)).format())
                .startsWith(missing + ": cannot read: NoSuchFileException");
    }

    @Test
    void staticLoadReadsTheGivenFile() {
        Path missing = base.resolve("absent.yaml");

        assertThat(catchConfig(() -> ConfigLoader.load(missing)).errors())
                .extracting(ConfigError::path).containsExactly(missing.toString());
    }

    @Test
    void exceptionMessageCountsErrors() {
        ConfigException e = catchConfig(() -> loader(Map.of()).parse("cameras: []\nlogging: {level: loud}",
                "x.yaml"));

        assertThat(e.getMessage()).startsWith("x.yaml: 2 configuration errors\n");
        assertThat(e.source()).isEqualTo("x.yaml");
    }

    interface ConfigCall {
        Object run() throws ConfigException;
    }

    static ConfigException catchConfig(ConfigCall call) {
        try {
            Object result = call.run();
            throw new AssertionError("expected ConfigException, got " + result);
        } catch (ConfigException e) {
            return e;
        }
    }
}
