package io.edgewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real GStreamer RTSP server (the project's src/test/resources/rtsp/gst_rtsp_server.py on Debian's python3-gi +
 * gst-rtsp-server) serving one clip at rtsp://127.0.0.1:port/cam. The benchmark's scale sweep opens one RTSP session
 * per camera on it; the ingest ITs also kill, pause and restart it. The port is fixed at construction, so a URL can
 * be handed out before the server starts and stays valid across restarts.
 */
public final class RtspServer implements AutoCloseable {
    /** Debian's interpreter: the python3 first on PATH may be another one without gi. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final long READY_SECONDS = 20;
    private final Path script;
    private final Path clip;
    private final Path log;
    private final int port;
    private Process process;

    /** Picks a free loopback port; the server's stderr goes to {@code logDir/rtsp-server-PORT.log}. */
    public RtspServer(Path script, Path clip, Path logDir) throws IOException {
        this.script = script;
        this.clip = clip.toAbsolutePath();
        this.port = Loopback.freePort();
        Files.createDirectories(logDir);
        this.log = logDir.resolve("rtsp-server-" + port + ".log");
    }

    public String url() {
        return url(null);
    }

    /** The camera URL, with {@code user:password} credentials when userInfo is not null. */
    public String url(String userInfo) {
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port + "/cam";
    }

    /** Starts the server and returns once it listens; fails with the server's own output if it cannot. */
    public RtspServer start() throws IOException {
        process = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port), clip.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> readLine(out)).get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while starting the RTSP server", e);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        if (!"READY".equals(line)) {
            kill();
            throw new IOException("RTSP server " + script + " did not print READY within " + READY_SECONDS
                    + " s (needs Debian gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-good/ugly, "
                    + "gstreamer1.0-libav): " + Files.readString(log));
        }
        return this;
    }

    private static String readLine(BufferedReader out) {
        try {
            return out.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** SIGKILL, as when a camera loses power; a paused server is continued first so it can die. */
    public void kill() {
        if (process != null && process.isAlive()) {
            signal("-CONT"); // best effort: the process may be exiting already
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP: the server keeps its sockets but sends nothing, like a hung camera. */
    public void pause() {
        require(signal("-STOP"), "-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        require(signal("-CONT"), "-CONT");
    }

    private void require(boolean sent, String sig) {
        if (!sent) {
            throw new IllegalStateException("kill " + sig + " " + (process == null ? "" : process.pid()) + " failed");
        }
    }

    /** Sends a signal by the server's own pid (never by name); false if it could not be delivered. */
    private boolean signal(String sig) {
        if (process == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
