package io.edgewatch.config;

import static io.edgewatch.config.ConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each validation rule on its own (exactly one error line), then several at once, then secret masking. */
class ConfigValidationTest {
    private static final String CAM = "cameras: [{name: a, url: rtsp://cam/s}]\n";
    private static final Map<String, String> ENV = Map.of("FPS", "fast", "PW", "hunter2");

    @TempDir
    Path base;

    @BeforeEach
    void installFiles() throws IOException {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
        ConfigLoaderTest.touch(base, "clip.mp4");
    }

    String errorsOf(String yaml) {
        return catchConfig(() -> new ConfigLoader(ENV, base).parse(yaml, "t.yaml")).format();
    }

    static Stream<Arguments> singleErrors() {
        return Stream.of(
                arguments("device: {name: Box 1}\n" + CAM, "device.name: Box 1: must be 1..64 characters of a-z, 0-9, _ and -"),
                arguments("logging: {level: loud}\n" + CAM, "logging.level: loud: must be one of trace, debug, info, warn, error"),
                arguments("model: {path: models/x.onnx}\n" + CAM, "model.path: models/x.onnx: model file not found: {base}/models/x.onnx"),
                arguments("model: {path: models}\n" + CAM, "model.path: models: model file not found: {base}/models"),
                arguments("model: {path: ''}\n" + CAM, "model.path: \"\": must not be empty"),
                arguments("model: {format: yolov9}\n" + CAM,
                        "model.format: yolov9: must be one of auto, nanodet, yolov8, yolov5, yolox, ssd"),
                arguments("model: {labels: no/such.txt}\n" + CAM, "model.labels: no/such.txt: labels file not found: {base}/no/such.txt"),
                arguments("model: {threads: 0}\n" + CAM, "model.threads: 0: must be between 1 and 64"),
                arguments("model: {threads: 65}\n" + CAM, "model.threads: 65: must be between 1 and 64"),
                arguments("model: {threads: two}\n" + CAM, "model.threads: two: must be a whole number"),
                arguments("model: {threads: 2.5}\n" + CAM, "model.threads: 2.5: must be a whole number"),
                arguments("model: {input_size: 400}\n" + CAM, "model.input_size: 400: must be a multiple of 32 between 32 and 2048"),
                arguments("model: fast\n" + CAM, "model: fast: must be a mapping of key: value"),
                arguments("detect: {min_score: 1.5}\n" + CAM, "detect.min_score: 1.5: must be between 0 and 1"),
                arguments("detect: {min_score: -0.1}\n" + CAM, "detect.min_score: -0.1: must be between 0 and 1"),
                arguments("detect: {nms_iou: 2}\n" + CAM, "detect.nms_iou: 2: must be between 0 and 1"),
                arguments("detect: {labels: [car, persn]}\n" + CAM,
                        "detect.labels[1]: persn: not a COCO-80 label (did you mean 'person'?) (see docs/config.md)"),
                arguments("detect: {labels: [car, car]}\n" + CAM, "detect.labels[1]: car: listed twice"),
                arguments("detect: {labels: person}\n" + CAM, "detect.labels: person: must be a list, e.g. [a, b]"),
                arguments("detect: {label_min_score: {person: 2}}\n" + CAM, "detect.label_min_score.person: 2: must be between 0 and 1"),
                arguments("detect: {label_min_score: {person: high}}\n" + CAM, "detect.label_min_score.person: high: must be a number"),
                arguments("detect: {labels: [car], label_min_score: {dog: 0.5}}\n" + CAM,
                        "detect.label_min_score.dog: label is not in detect.labels, so it never produces events"),
                arguments("mqtt: {url: 'http://broker:1883'}\n" + CAM,
                        "mqtt.url: http://broker:1883: must be empty (embedded broker) or tcp://, ssl://, ws:// or wss:// host[:port]"),
                arguments("mqtt: {embedded_port: 70000}\n" + CAM, "mqtt.embedded_port: 70000: must be between 0 and 65535 (0 = any free port)"),
                arguments("mqtt: {qos: 3}\n" + CAM, "mqtt.qos: 3: must be 0 or 1"),
                arguments("snapshots: {enabled: true, face_model: nope.onnx}\n" + CAM,
                        "snapshots.face_model: nope.onnx: face model not found: {base}/nope.onnx"),
                arguments("snapshots: {quality: 0}\n" + CAM, "snapshots.quality: 0: must be between 1 and 100"),
                arguments("mqtt: {url: 'ssl://b:8883', tls_ca_file: nope.crt}\n" + CAM,
                        "mqtt.tls_ca_file: nope.crt: file not found: {base}/nope.crt"),
                arguments("mqtt: {username: u, password: p, password_file: pw.txt}\n" + CAM,
                        "mqtt.password_file: pw.txt: set only one of password and password_file"),
                arguments("detect: {label_min_area: {person: 2}}\n" + CAM,
                        "detect.label_min_area.person: 2: must be between 0 and 1 (fraction of the frame area)"),
                arguments("cameras: [{name: a, url: rtsp://c/s, zones: [{name: p, points: [[0, 0], [1, 0]]}]}]",
                        "cameras[0].zones[0].points: (list): must be a list of at least 3 [x, y] points with "
                                + "0 <= x, y <= 1"),
                arguments("cameras: [{name: a, url: rtsp://c/s, zones: [{name: P Q, points: [[0, 0], [1, 0], [1, 1]]}]}]",
                        "cameras[0].zones[0].name: P Q: must be 1..64 characters of a-z, 0-9, _ and -"),
                arguments("cameras: [{name: a, url: rtsp://c/s, zones: [{name: p, points: [[0, 0], [1, 0], [1, 1]]},"
                        + " {name: p, points: [[0, 0], [1, 0], [1, 1]]}]}]",
                        "cameras[0].zones[1].name: p: duplicate zone name"),
                arguments("cameras: [{name: a, url: rtsp://c/s, masks: [[[0, 0], [1.5, 0], [1, 1]]]}]",
                        "cameras[0].masks[0]: (list): must be a list of at least 3 [x, y] points with "
                                + "0 <= x, y <= 1"),
                arguments("mqtt: {outbox_max_age: 2 weeks}\n" + CAM,
                        "mqtt.outbox_max_age: 2 weeks: must be a whole number with a unit ms, s, m, h or d, e.g. 48h"),
                arguments("mqtt: {outbox_max_age: 0s}\n" + CAM, "mqtt.outbox_max_age: 0s: must be positive, e.g. 48h"),
                arguments("mqtt: {outbox_max_events: 0}\n" + CAM,
                        "mqtt.outbox_max_events: 0: must be between 1 and 10000000"),
                arguments("mqtt: {outbox_path: ''}\n" + CAM, "mqtt.outbox_path: \"\": must not be empty"),
                arguments("mqtt: {topic_prefix: 'home/#'}\n" + CAM,
                        "mqtt.topic_prefix: home/#: must be non-empty, without + # or spaces, and not start or end with /"),
                arguments("mqtt: {client_id: 'my box'}\n" + CAM,
                        "mqtt.client_id: my box: must be at most 128 characters without spaces (empty = edgewatch-edgewatch)"),
                arguments("mqtt: {password: pw}\n" + CAM, "mqtt.password: ***: is set but mqtt.username is empty"),
                arguments("mqtt: {url: '${BROKER}'}\n" + CAM,
                        "mqtt.url: ${BROKER}: environment variable BROKER is not set (write ${BROKER:-default} to give a default)"),
                arguments("mqtt: {url: '${BROKER'}\n" + CAM, "mqtt.url: ${BROKER: unterminated placeholder (missing '}')"),
                arguments("cameras: [{name: a, url: rtsp://cam/s}, {name: b, url: rtsp://cam/t, detect_fps: -2}]",
                        "cameras[1].detect_fps: -2: must be positive"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, detect_fps: 500}]", "cameras[0].detect_fps: 500: must be at most 120"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, detect_fps: fast}]", "cameras[0].detect_fps: fast: must be a number"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, detect_fps: '5'}]", "cameras[0].detect_fps: 5: must be a number"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, detect_fps: '${FPS}'}]", "cameras[0].detect_fps: ${FPS}: must be a number"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, loop: 1}]", "cameras[0].loop: 1: must be true or false"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, enabled: 'true'}]", "cameras[0].enabled: true: must be true or false"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, rtsp_transport: http}]",
                        "cameras[0].rtsp_transport: http: must be one of tcp, udp (did you mean 'tcp'?)"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, rtsp_transport: quic}]",
                        "cameras[0].rtsp_transport: quic: must be one of tcp, udp"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, decode: keyframe}]",
                        "cameras[0].decode: keyframe: must be one of all, nonref, keyframes (did you mean 'keyframes'?)"),
                arguments("cameras: [{name: Front Door, url: rtsp://cam/s}]",
                        "cameras[0].name: Front Door: must be 1..64 characters of a-z, 0-9, _ and -"),
                arguments("cameras: [{url: rtsp://cam/s}]", "cameras[0].name: is required"),
                arguments("cameras: [{name: a}]", "cameras[0].url: is required"),
                arguments("cameras: [{name: a, url: rtmp://cam/s}]",
                        "cameras[0].url: rtmp://cam/s: unsupported scheme rtmp (use rtsp, rtsps, http, https or a file path)"),
                arguments("cameras: [{name: a, url: 'rtsp:///s'}]", "cameras[0].url: rtsp:///s: has no host"),
                arguments("cameras: [{name: a, url: videos/none.mp4}]", "cameras[0].url: videos/none.mp4: video file not found: {base}/videos/none.mp4"),
                arguments("cameras: [{name: a, url: rtsp://cam/s}, {name: a, url: rtsp://cam/t}]",
                        "cameras[1].name: a: duplicate camera name (also cameras[0])"),
                arguments("cameras: [{name: a, url: rtsp://cam/s, enabled: false}]", "cameras: at least one camera must have enabled: true"),
                arguments("cameras: []", "cameras: at least one camera is required"),
                arguments("device: {name: a}", "cameras: at least one camera is required"),
                arguments("cameras: {name: a, url: rtsp://cam/s}", "cameras: (mapping): must be a list"),
                arguments("cameras: [rtsp://cam/s]", "cameras[0]: rtsp://cam/s: must be a mapping of key: value"));
    }

    @ParameterizedTest
    @MethodSource("singleErrors")
    void eachRuleReportsExactlyOneError(String yaml, String expected) {
        assertThat(errorsOf(yaml)).isEqualTo(expected.replace("{base}", base.toString()));
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                arguments("loging: {level: info}\n" + CAM, "loging: unknown key (did you mean 'logging'?) "
                        + "(known: device, logging, model, detect, mqtt, cameras, metrics, budget, snapshots, homeassistant)"),
                arguments("device: {nmae: a}\n" + CAM, "device.nmae: unknown key (did you mean 'name'?) (known: name)"),
                arguments("logging: {lvl: info}\n" + CAM, "logging.lvl: unknown key (did you mean 'level'?) (known: level)"),
                arguments("model: {file: m.onnx}\n" + CAM, "model.file: unknown key (known: path, threads, input_size, format, labels, min_fidelity, force, variants)"),
                arguments("detect: {min-score: 0.4}\n" + CAM, "detect.min-score: unknown key (did you mean 'min_score'?) "
                        + "(known: min_score, label_min_score, labels, nms_iou, label_min_area)"),
                arguments("mqtt: {qso: 1}\n" + CAM, "mqtt.qso: unknown key (did you mean 'qos'?) (known: url, embedded_host, "
                        + "embedded_port, topic_prefix, client_id, username, password, qos, outbox_path, outbox_max_events, "
                        + "outbox_max_age, outbox_max_bytes, password_file, tls_ca_file, tls_cert_file, tls_key_file)"),
                arguments("cameras: [{name: a, url: rtsp://cam/s}, {name: b, url: rtsp://cam/t, colour: red}]",
                        "cameras[1].colour: unknown key (known: name, url, loop, detect_fps, rtsp_transport, enabled, "
                                + "weight, motion, decode, detect_url, hwaccel, zones, masks)"));
    }

    @ParameterizedTest
    @MethodSource("unknownKeys")
    void unknownKeysAreRejectedAtEveryLevel(String yaml, String expected) {
        assertThat(errorsOf(yaml)).isEqualTo(expected);
    }

    @Test
    void allErrorsAreReportedAtOnceInDocumentOrder() {
        String errors = errorsOf("""
                device: {name: Box}
                model: {threads: 0, input_size: 100}
                detect: {min_score: 2, labels: [persn]}
                mqtt: {qos: 2, colour: red}
                cameras:
                  - {name: a, url: rtsp://cam/s, detect_fps: fast}
                  - {name: a, url: rtsp://cam/t, rtsp_transport: quic}
                """);

        assertThat(errors.lines().map(l -> l.substring(0, l.indexOf(':')))).containsExactly(
                "device.name", "model.threads", "model.input_size", "detect.min_score", "detect.labels[0]",
                "mqtt.qos", "mqtt.colour", "cameras[0].detect_fps", "cameras[1].name", "cameras[1].rtsp_transport");
    }

    @Test
    void secretsNeverAppearInMessages() {
        String errors = errorsOf("""
                mqtt:
                  url: 'ssl://broker'
                  username: [hunter2]
                  password: {nested: hunter2}
                  passwd: hunter2
                cameras:
                  - {name: a, url: 'rtsp://admin:${PW}@/s'}
                  - {name: b, url: 'rtmp://admin:hunter2@cam/s'}
                  - {name: c, url: 'rtsp://admin:hunter2@cam/s', detect_fps: 0}
                """);

        assertThat(errors).doesNotContain("hunter2").contains(
                "mqtt.username: ***: must be a single value, not a list",
                "mqtt.password: ***: must be a single value, not a mapping",
                "mqtt.passwd: unknown key (did you mean 'password'?)",
                "cameras[0].url: rtsp://admin:***@/s: has no host",
                "cameras[1].url: rtmp://admin:***@cam/s: unsupported scheme rtmp");
    }

    @Test
    void yaml11BooleansAreAccepted() throws Exception {
        EdgewatchConfig c = new ConfigLoader(ENV, base).parse(
                "cameras: [{name: a, url: clip.mp4, loop: yes, enabled: on}]", "t.yaml");

        assertThat(c.cameras().get(0).loop()).isTrue();
        assertThat(c.cameras().get(0).url()).isEqualTo(base.resolve("clip.mp4").toString());
    }

    @Test
    void disabledCameraMayPointAtAMissingFile() throws Exception {
        EdgewatchConfig c = new ConfigLoader(ENV, base).parse("""
                cameras:
                  - {name: a, url: rtsp://cam/s}
                  - {name: b, url: later.mp4, enabled: false}
                """, "t.yaml");

        assertThat(c.cameras()).extracting(CameraConfig::enabled).containsExactly(true, false);
    }
}
