package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.bench.RtspServer;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.RtspTransport;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Ingest against a real RTSP server on 127.0.0.1 that is killed and restarted. */
class RtspIngestIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4");
    private static final Path SCRIPT = Path.of("src/test/resources/rtsp/gst_rtsp_server.py");
    private static final IngestOptions OPTIONS = IngestOptions.defaults()
            .withIoTimeout(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void streamsOverTcpSurvivesAServerRestartAndStopsPromptly() throws Exception {
        assertRecovers(RtspTransport.TCP);
    }

    @Test
    void streamsOverUdp() throws Exception {
        try (RtspServer server = new RtspServer(SCRIPT, CLIP, Path.of("target/rtsp-logs"));
             CameraIngest ingest = ingest(server, RtspTransport.UDP)) {
            server.start();
            ingest.start();
            VideoFrame frame = ingest.mailbox().take(Duration.ofSeconds(20));
            assertThat(frame).isNotNull();
            assertThat(frame.width()).isEqualTo(768);
            await().atMost(Duration.ofSeconds(10)).until(() -> ingest.stats().framesDecoded() >= 20);
        }
    }

    @Test
    void stalledServerHitsTheReadTimeoutAndRecoversWhenItResumes() throws Exception {
        try (RtspServer server = new RtspServer(SCRIPT, CLIP, Path.of("target/rtsp-logs"));
             CameraIngest ingest = ingest(server, RtspTransport.TCP)) {
            server.start();
            ingest.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ingest.stats().framesDecoded() >= 30);
            server.pause();
            long paused = System.nanoTime();
            // No bytes for ioTimeout (2 s): the blocked read fails instead of hanging the thread forever.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ingest.status().state() != IngestState.STREAMING);
            System.out.printf("stall detected %d ms after SIGSTOP (ioTimeout %s), %d frames decoded%n",
                    (System.nanoTime() - paused) / 1_000_000, OPTIONS.ioTimeout(), ingest.stats().framesDecoded());
            assertThat(ingest.stats().decodeErrors()).isPositive();
            server.resume();
            long before = ingest.stats().framesDecoded();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.status().state() == IngestState.STREAMING
                    && ingest.stats().framesDecoded() >= before + 10);
        }
    }

    private static CameraIngest ingest(RtspServer server, RtspTransport transport) {
        CameraConfig cam = CameraConfig.builder("rtsp-" + transport.configName()).url(server.url("viewer:s3cret"))
                .detectFps(1).rtspTransport(transport).build();
        return new CameraIngest(cam, OPTIONS, TimeSource.system(), FfmpegFrameSource::new, Math::random);
    }

    private void assertRecovers(RtspTransport transport) throws Exception {
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        try (RtspServer server = new RtspServer(SCRIPT, CLIP, Path.of("target/rtsp-logs"));
             CameraIngest ingest = ingest(server, transport)) {
            server.start();
            ingest.start();
            VideoFrame frame = ingest.mailbox().take(Duration.ofSeconds(20));
            assertThat(frame).isNotNull();
            assertThat(frame.width()).isEqualTo(768);
            assertThat(frame.height()).isEqualTo(576);
            await().atMost(Duration.ofSeconds(10)).until(() -> ingest.stats().framesDecoded() >= 20);
            assertThat(ingest.status().state()).isEqualTo(IngestState.STREAMING);

            server.kill();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
                reasons.add(ingest.status().reason());
                return ingest.status().state() != IngestState.STREAMING && ingest.stats().reconnects() >= 1;
            });
            assertThat(ingest.stats().decodeErrors()).isPositive();

            long before = ingest.stats().framesDecoded();
            server.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                reasons.add(ingest.status().reason());
                return ingest.status().state() == IngestState.STREAMING
                        && ingest.stats().framesDecoded() >= before + 10;
            });

            long t0 = System.nanoTime();
            ingest.close();
            assertThat(ingest.isRunning()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(OPTIONS.ioTimeout().plusSeconds(1));
            assertThat(ingest.status().state()).isEqualTo(IngestState.STOPPED);
        }
        assertThat(reasons).isNotEmpty().noneMatch(r -> r.contains("s3cret"));
    }
}
