package io.edgewatch.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One edgewatch box for the fleet test: {@code edgewatch run} (cli.Main) in a child JVM with its own config,
 * outbox and log file, using the bundled clip as its camera(s). Stopped by its own PID only.
 */
final class BoxProcess {
    private final String device;
    private final Path config;
    private final Path log;
    private Process process;

    BoxProcess(Path dir, String device, List<String> cameras, String brokerUrl) throws IOException {
        this.device = device;
        Path home = Files.createDirectories(dir.resolve(device));
        this.config = home.resolve("edgewatch.yaml");
        this.log = home.resolve("box.log");
        StringBuilder yaml = new StringBuilder().append("device: {name: ").append(device).append("}\n")
                .append("model: {path: ").append(model()).append(", threads: 1}\n")
                .append("detect: {min_score: 0.4, labels: [person]}\n")
                .append("mqtt: {url: \"").append(brokerUrl).append("\", username: ").append(device)
                .append(", password: pw-").append(device).append(", outbox_path: \"").append(home.resolve("outbox.db"))
                .append("\"}\n")
                .append("metrics: {enabled: false}\n")
                .append("cameras:\n");
        for (String camera : cameras) {
            yaml.append("  - {name: ").append(camera)
                    .append(", url: \"").append(Path.of("test-videos/vtest-people.mp4").toAbsolutePath())
                    .append("\", loop: true, detect_fps: 2}\n");
        }
        Files.writeString(config, yaml);
    }

    static String model() {
        // absolute: relative paths in a config resolve against the config file's directory
        Path int8 = Path.of("models/nanodet-m-416.int8.onnx").toAbsolutePath();
        return "\"" + (Files.exists(int8) ? int8 : Path.of("models/nanodet-m-416.onnx").toAbsolutePath()) + "\"";
    }

    String device() {
        return device;
    }

    Path outbox() {
        return config.getParent().resolve("outbox.db");
    }

    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xss4m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.edgewatch.cli.Main", "run", "-c", config.toString(),
                "--no-watch-config")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL (Process.destroyForcibly on Linux), as a power cut or OOM kill would. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP / SIGCONT of this box's own process (by its PID). */
    void signal(String sig) throws java.io.IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** SIGTERM: the daemon ends its tracks, flushes its outbox and disconnects. */
    void terminate() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    boolean awaitExit(long seconds) throws InterruptedException {
        return process == null || process.waitFor(seconds, TimeUnit.SECONDS);
    }

    void forceStop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
