package io.edgewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine here: replays docker/Dockerfile's runtime stage on this machine. The same layout
 * (/usr/lib/edgewatch with the jar, lib, lib-broker, models, clip; a state and a cache directory owned by uid
 * 10001, mode 0700), the same user (setpriv to uid/gid 10001), the same ENV and the same command (`run --config`
 * on the image's config) — with free ports instead of 9464/1883 so parallel tests cannot collide. Passes when the
 * daemon, as that user, creates its outbox in $STATE_DIRECTORY and delivers an event.
 */
class DockerReplayIT {
    private static final int UID = 10001;

    @Test
    void imageRuntimeStepsWorkAsItsNonRootUser(@TempDir Path tmp) throws Exception {
        assumeThat(new ProcessBuilder("id", "-u").start().inputReader().readLine()).as("needs root for setpriv").isEqualTo("0");
        Path app = Files.createDirectories(tmp.resolve("usr/lib/edgewatch"));
        Path target = Path.of("target").toAbsolutePath();
        // Copies, as the image's COPY steps: links into the checkout would fail wherever its parent directory is
        // not open to other users (e.g. a clone under a mktemp -d directory).
        for (String name : List.of("edgewatch.jar", "lib", "lib-broker")) {
            copyTree(target.resolve(name), app.resolve(name));
        }
        for (String name : List.of("bin", "models", "test-videos")) {
            copyTree(Path.of(name).toAbsolutePath(), app.resolve(name));
        }
        Path state = Files.createDirectories(tmp.resolve("var/lib/edgewatch"));
        Path cache = Files.createDirectories(tmp.resolve("var/cache/edgewatch"));
        Path config = tmp.resolve("etc/edgewatch/edgewatch.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, Files.readString(Path.of("config/edgewatch.yaml"))
                .replace("../models/", app.resolve("models") + "/")          // the image's sed step
                .replace("../test-videos/", app.resolve("test-videos") + "/")
                .replace("embedded_port: 1883", "embedded_port: " + freePort())
                .replace("port: 9464", "port: " + freePort()));
        for (Path p : List.of(tmp, tmp.resolve("etc"), tmp.resolve("usr"), tmp.resolve("var"), tmp.resolve("var/lib"),
                tmp.resolve("var/cache"), tmp.resolve("usr/lib"), app, config.getParent(), config)) {
            run("chmod", "a+rX", p.toString());
        }
        run("chmod", "-R", "a+rX", app.toString());
        run("chown", UID + ":" + UID, state.toString(), cache.toString());
        run("chmod", "0700", state.toString(), cache.toString());

        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups",
                app.resolve("bin/edgewatch").toString(), "run", "--config", config.toString(),
                "--print-events", "--max-events", "1", "--duration", "240")
                .directory(app.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("STATE_DIRECTORY", state.toString());
        env.put("EDGEWATCH_JAVA_OPTS", "-Dorg.bytedeco.javacpp.cachedir=" + cache.resolve("javacpp"));
        env.put("HOME", state.toString());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("daemon stops after one event").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("daemon.log"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("started in").containsPattern("/events \\{");
        Path outbox = state.resolve("outbox.db");
        assertThat(outbox).as(log).isRegularFile();
        assertThat((Integer) Files.getAttribute(outbox, "unix:uid")).isEqualTo(UID);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
