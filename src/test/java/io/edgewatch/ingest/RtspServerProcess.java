package io.edgewatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real GStreamer RTSP server (Debian packages, Debian's python) that a test can kill and restart. */
final class RtspServerProcess implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private final Path script;
    private final Path clip;
    private final int port;
    private final Path log;
    private Process process;

    RtspServerProcess(Path clip, Path logDir) throws IOException, URISyntaxException {
        this.script = Path.of(RtspServerProcess.class.getResource("/rtsp/gst_rtsp_server.py").toURI());
        this.clip = clip.toAbsolutePath();
        this.port = freePort();
        Files.createDirectories(logDir);
        this.log = logDir.resolve("rtsp-server-" + port + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String url(String userInfo) {
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port + "/cam";
    }

    /** Starts the server and waits until it listens; fails with the server's own output if it cannot. */
    void start() throws Exception {
        process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port), clip.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        if (!"READY".equals(line)) {
            throw new IllegalStateException("RTSP server did not start (needs Debian gir1.2-gst-rtsp-server-1.0, "
                    + "python3-gi, gstreamer1.0-plugins-good/ugly, gstreamer1.0-libav): "
                    + Files.readString(log));
        }
    }

    /** SIGKILL, as when a camera loses power. */
    void kill() throws Exception {
        if (process != null && process.isAlive()) {
            signal("-CONT"); // a paused process would not die until continued on some kernels
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP / SIGCONT: the server keeps its sockets but sends nothing, like a hung camera. */
    void pause() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String sig) throws Exception {
        Process p = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kill " + sig + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
