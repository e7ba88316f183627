package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 items 3, 4, 7 in-process: a user error is one line, exit 2, no trace, no secret. */
class UserErrorsTest {
    static final String CANARY = "Canary7qX";
    private static final Path MODEL = Path.of("models/nanodet-m-416.onnx").toAbsolutePath();
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4").toAbsolutePath();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String all() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneLineUserError(int code, String... contains) {
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(all()).isEqualTo(2);
        assertThat(e.lines().filter(l -> l.contains("edgewatch")).count()).as(e).isEqualTo(1);
        assertThat(e).contains(contains).doesNotContain("\tat ", "Exception", "No enum constant");
    }

    @Test
    void quantizeMissingModelIsOneLine() {
        int code = Main.execute("models", "quantize", "--model=/missing.onnx", "--out", dir.resolve("o.onnx").toString(),
                "--calib", CLIP.toString());
        assertOneLineUserError(code, "/missing.onnx", "not found");
    }

    @Test
    void quantizeUnknownMethodNamesTheAllowedOnes() {
        int code = Main.execute("models", "quantize", "--model", MODEL.toString(), "--out",
                dir.resolve("o.onnx").toString(), "--calib", CLIP.toString(), "--method=kl");
        assertOneLineUserError(code, "kl", "minmax, percentile, entropy");
    }

    @Test
    void quantizeFromAnRtspUrlWithCredentialsNeverPrintsThem() {
        int code = Main.execute("models", "quantize", "--model", MODEL.toString(), "--out",
                dir.resolve("o.onnx").toString(), "--frames", "2",
                "--calib", "rtsp://user:" + CANARY + "@127.0.0.1:1/x?password=" + CANARY + "&token=" + CANARY);
        assertThat(code).isEqualTo(2);
        assertThat(all()).contains("rtsp://user:***@127.0.0.1:1/x").doesNotContain(CANARY);
    }

    @Test
    void missingOptionIsOneLine() {
        assertOneLineUserError(Main.execute("models", "quantize", "--model", MODEL.toString()), "--out");
    }

    @Test
    void debugAddsTheStackTrace() {
        int code = Main.execute("models", "quantize", "--debug", "--model=/missing.onnx", "--out", "x.onnx",
                "--calib", CLIP.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\tat ");
    }

    @Test
    void truncatedModelFailsCheckConfigInOneLine() throws Exception {
        Path model = dir.resolve("truncated.onnx");
        Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(MODEL), 100_000));
        assertOneLineUserError(Main.execute("check-config", config("model: {path: truncated.onnx}").toString()),
                "model.path: " + model, "cannot load model");
    }

    @Test
    void runWithATruncatedModelIsOneLineNotATrace() throws Exception {
        Path model = dir.resolve("truncated.onnx");
        Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(MODEL), 100_000));
        Path cfg = config("model: {path: truncated.onnx}\nmetrics: {enabled: false}\n"
                + "mqtt: {embedded_port: 0, outbox_path: state/outbox.db}");
        assertOneLineUserError(Main.execute("run", "-c", cfg.toString(), "--duration", "1"),
                "cannot load model " + model);
    }

    @Test
    void modelWithWrongInputsFailsCheckConfig() throws Exception {
        Files.copy(Path.of("models/blazeface-front-128.onnx"), dir.resolve("face.onnx"));
        assertOneLineUserError(Main.execute("check-config", config("model: {path: face.onnx}").toString()),
                "model.path: ", "face.onnx", "expected one of");
    }

    @Test
    void unwritableOutboxFailsCheckConfig() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        assertThat(ro.toFile().setWritable(false)).isTrue();
        int code = Main.execute("check-config", config("model: {path: " + MODEL + "}\n"
                + "mqtt: {outbox_path: ro/sub/outbox.db}").toString());
        ro.toFile().setWritable(true);
        if (!Files.isWritable(ro)) { // root ignores permissions: nothing to see
            assertOneLineUserError(code, "mqtt.outbox_path", "cannot be created or written");
        }
    }

    @Test
    void embeddedBrokerPortInUseSaysHowToUseThatBroker() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path cfg = config("model: {path: " + MODEL + "}\nmetrics: {enabled: false}\n"
                    + "mqtt: {embedded_host: 127.0.0.1, embedded_port: " + port + "}");
            assertOneLineUserError(Main.execute("run", "-c", cfg.toString(), "--duration", "1"),
                    "mqtt.embedded_port: 127.0.0.1:" + port + " is already in use",
                    "mqtt.url: tcp://127.0.0.1:" + port);
        }
    }

    @Test
    void checkConfigNeverEchoesSecrets() throws Exception {
        Files.writeString(dir.resolve("pw"), CANARY);
        Files.writeString(dir.resolve("client.key"), CANARY);
        Files.writeString(dir.resolve("client.crt"), "x");
        String yaml = "model: {path: " + MODEL + ", threads: 0}\n"
                + "mqtt: {url: 'ssl://127.0.0.1:8883', username: u, password_file: pw, tls_cert_file: client.crt,"
                + " tls_key_file: client.key, qos: 5}\n"
                + "cameras:\n"
                + "  - {name: a, url: 'rtsp://admin:" + CANARY + "@10.0.0.9:0/x?user=admin&password=" + CANARY
                + "', detect_fps: -1}\n"
                + "  - {name: b, url: 'http://10.0.0.9/s?token=" + CANARY + "', detect_url: 'ftp://u:" + CANARY
                + "@h/x'}\n"
                + "  - {name: c, url: 'rtsp://u:" + CANARY + "@10.0.0.9:70000/x'}\n";
        Path cfg = dir.resolve("secret.yaml");
        Files.writeString(cfg, yaml);
        assertThat(Main.execute("check-config", cfg.toString())).isEqualTo(2);
        assertThat(all()).contains("cameras[0].detect_fps", "cameras[0].url", "user=admin&password=***",
                "cameras[1].detect_url", "cameras[2].url", "rtsp://admin:***@").doesNotContain(CANARY);
    }

    private Path config(String extra) throws Exception {
        Path cfg = dir.resolve("edgewatch.yaml");
        Files.writeString(cfg, extra + "\ncameras: [{name: demo, url: '" + CLIP + "', loop: true}]\n");
        return cfg;
    }
}
