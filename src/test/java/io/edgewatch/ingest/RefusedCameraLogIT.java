package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.testing.FakeTime;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A camera whose RTSP server is down (a closed loopback port, real FFmpeg): one warning with the camera name, no
 * FFmpeg error per attempt, then one summary per minute of (fake) time; the password never shows.
 */
class RefusedCameraLogIT {
    private static final IngestOptions OPTIONS = IngestOptions.defaults()
            .withIoTimeout(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

    private final FakeTime time = new FakeTime();
    private final Logger ingestLog = (Logger) LoggerFactory.getLogger(CameraIngest.class);
    private final Logger nativeLog = (Logger) LoggerFactory.getLogger(FfmpegLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level nativeLevel;
    private FfmpegLog ffmpeg; // held while installed (FFmpeg calls into it)

    @BeforeEach
    void capture() {
        lines.start();
        ingestLog.addAppender(lines);
        nativeLog.addAppender(lines);
        nativeLevel = nativeLog.getLevel();
        nativeLog.setLevel(Level.DEBUG); // to see FFmpeg's own refusal lines (debug) being limited too
        ffmpeg = new FfmpegLog(time).install();
    }

    @AfterEach
    void release() {
        ffmpeg.uninstall(); // back to JavaCV's callback for the other tests in this JVM
        nativeLog.setLevel(nativeLevel);
        ingestLog.detachAppender(lines);
        nativeLog.detachAppender(lines);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private List<ILoggingEvent> about(String camera) {
        return List.copyOf(lines.list).stream().filter(e -> e.getFormattedMessage().contains("camera " + camera))
                .toList();
    }

    @Test
    void aRefusedCameraWarnsOnceAndThenOncePerMinute() throws Exception {
        int port = closedPort();
        CameraConfig cam = CameraConfig.builder("gate").url("rtsp://admin:hunter2@127.0.0.1:" + port + "/stream1")
                .build();
        try (CameraIngest ingest = new CameraIngest(cam, OPTIONS, time, FfmpegFrameSource::new, () -> 0.5)) {
            ingest.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.stats().reconnects() >= 20);
            List<ILoggingEvent> first = about("gate");
            assertThat(first).noneMatch(e -> e.getLevel() == Level.ERROR);
            assertThat(first).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .startsWith("camera gate: BACKOFF: connection refused by 127.0.0.1:" + port));
            // FFmpeg says it twice per attempt (two contexts), at debug: written once for all 20+ attempts
            assertThat(first).filteredOn(e -> e.getFormattedMessage().contains("ffmpeg: ")).singleElement()
                    .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));

            time.advance(Duration.ofSeconds(61));
            await().atMost(Duration.ofSeconds(30)).until(() -> about("gate").stream()
                    .filter(e -> e.getLevel() == Level.WARN).count() == 2);
            ILoggingEvent summary = about("gate").stream().filter(e -> e.getLevel() == Level.WARN).toList().get(1);
            // the backoff sleeps advance the fake clock too, so the window is a minute or a little more
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) more in the last (\\d+) s\\)")
                    .matcher(summary.getFormattedMessage());
            assertThat(summary.getFormattedMessage()).contains("connection refused by 127.0.0.1:" + port);
            assertThat(m.find()).as(summary.getFormattedMessage()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isPositive();
            assertThat(Long.parseLong(m.group(2))).isBetween(60L, 600L);
        }
        assertThat(lines.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("hunter2"));
    }
}
