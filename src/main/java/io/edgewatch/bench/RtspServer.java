package io.edgewatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real GStreamer RTSP server (the project's gst_rtsp_server.py, Debian's python3-gi + gst-rtsp-server) serving the
 * clip at rtsp://127.0.0.1:port/cam; every camera of a probe opens its own RTSP session on it.
 */
final class RtspServer implements AutoCloseable {
    private final Process process;
    private final int port;

    RtspServer(Path script, Path clip) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port),
                clip.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            if (!"READY".equals(line)) {
                throw new IOException("RTSP server did not start (" + script + "): " + line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while starting the RTSP server", e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            close();
            throw new IOException("RTSP server did not print READY within 20 s: " + e, e);
        }
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/cam";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
