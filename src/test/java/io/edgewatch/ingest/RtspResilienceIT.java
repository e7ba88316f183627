package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.bench.RtspServer;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.util.TimeSource;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Many-camera behaviour against the real RTSP server on 127.0.0.1: a dead camera does not slow a live one,
 * backoff delays grow and stop at the cap, and the time from a server restart to the first frame is recorded.
 */
class RtspResilienceIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4"); // 10 fps
    private static final Path SCRIPT = Path.of("src/test/resources/rtsp/gst_rtsp_server.py");
    private static final Pattern RETRY = Pattern.compile("; retry (\\d+) in (\\d+) ms$");
    private static final IngestOptions OPTIONS = IngestOptions.defaults()
            .withIoTimeout(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(200), Duration.ofMillis(1600));

    private static CameraIngest ingest(String name, String url) {
        CameraConfig cam = CameraConfig.builder(name).url(url).build();
        // Random fixed at 0.5 so the equal-jitter delays are predictable: 0.75 × 200 ms × 2^n, capped.
        return new CameraIngest(cam, OPTIONS, TimeSource.system(), FfmpegFrameSource::new, () -> 0.5);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void anUnreachableCameraDoesNotSlowAHealthyOne() throws Exception {
        try (RtspServer server = new RtspServer(SCRIPT, CLIP, Path.of("target/rtsp-logs"));
             CameraIngest healthy = ingest("healthy", server.url("viewer:s3cret"));
             CameraIngest dead = ingest("dead", "rtsp://viewer:s3cret@127.0.0.1:" + closedPort() + "/cam")) {
            server.start();
            dead.start();
            healthy.start();
            // Past the start-up burst (the server pre-rolls a few frames), then a 5 s window.
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.stats().framesDecoded() >= 30);
            long f0 = healthy.stats().framesDecoded();
            long t0 = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            double fps = (healthy.stats().framesDecoded() - f0) / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "healthy camera %.1f fps next to a dead one (%d reconnects, state %s: %s)%n",
                    fps, dead.stats().reconnects(), dead.status().state(), dead.status().reason());
            assertThat(fps).isBetween(8.5, 12.5);
            assertThat(dead.stats().reconnects()).isGreaterThanOrEqualTo(3);
            assertThat(dead.status().state()).isIn(IngestState.BACKOFF, IngestState.CONNECTING);
            assertThat(dead.status().reason()).doesNotContain("s3cret");
        }
    }

    @Test
    void backoffGrowsToItsCapAndTheFirstFrameFollowsARestart() throws Exception {
        try (RtspServer server = new RtspServer(SCRIPT, CLIP, Path.of("target/rtsp-logs"));
             CameraIngest cam = ingest("restart", server.url(null))) {
            server.start();
            cam.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> cam.stats().framesDecoded() >= 10);
            server.kill();
            List<Long> delays = new ArrayList<>();
            int[] lastAttempt = {0};
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                Matcher m = RETRY.matcher(cam.status().reason());
                if (cam.status().state() == IngestState.BACKOFF && m.find()
                        && Integer.parseInt(m.group(1)) > lastAttempt[0]) {
                    lastAttempt[0] = Integer.parseInt(m.group(1));
                    delays.add(Long.parseLong(m.group(2)));
                }
                return delays.size() >= 6;
            });
            System.out.println("backoff delays (ms) while the server is down: " + delays);
            for (int i = 1; i < delays.size(); i++) {
                assertThat(delays.get(i)).isGreaterThanOrEqualTo(delays.get(i - 1));
            }
            assertThat(delays).allMatch(d -> d <= OPTIONS.backoffMax().toMillis());
            assertThat(delays.get(delays.size() - 1)).isEqualTo(delays.get(delays.size() - 2)).isEqualTo(1200L);

            long before = cam.stats().framesDecoded();
            long restart = System.nanoTime();
            server.start(); // returns once the server listens
            long listening = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> cam.stats().framesDecoded() > before);
            long first = System.nanoTime();
            System.out.printf(Locale.ROOT, "restart to first frame: %d ms (server listening after %d ms; "
                    + "the rest is the remaining backoff <= %d ms plus connect and first keyframe)%n",
                    (first - restart) / 1_000_000, (listening - restart) / 1_000_000, 1200);
            assertThat(Duration.ofNanos(first - listening)).isLessThan(Duration.ofMillis(1200 + 5000));
        }
    }
}
