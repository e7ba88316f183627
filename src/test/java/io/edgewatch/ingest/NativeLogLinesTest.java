package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgewatch.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** FFmpeg's repeated native lines: once per camera and line, then one summary per window; levels mapped. */
class NativeLogLinesTest {
    private static final String DESCRIBE_404 = "[rtsp @ 0x7f09ccba4e80] method DESCRIBE failed: 404 Not Found\n";

    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.nativelog." + System.nanoTime());
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private NativeLogLines log;

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
        log = new NativeLogLines(logger, time, Duration.ofMinutes(1));
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void theSameLineOnEveryAttemptIsWrittenOnceThenSummarisedPerWindow() {
        for (int attempt = 0; attempt < 40; attempt++) {
            // a new FFmpeg context (address) per attempt: still the same line
            log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, DESCRIBE_404.replace("4e80", "4e" + attempt));
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(messages()).containsExactly(
                "ERROR camera gate: ffmpeg: [rtsp @ 0x7f09ccba4e0] method DESCRIBE failed: 404 Not Found");
        time.advance(Duration.ofSeconds(21));
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, DESCRIBE_404);
        assertThat(messages()).hasSize(2);
        assertThat(messages().get(1)).isEqualTo("ERROR camera gate: ffmpeg: " + DESCRIBE_404.strip()
                + " (39 more in the last 61 s)");
    }

    @Test
    void camerasAndDistinctLinesAreLimitedIndependently() {
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, DESCRIBE_404);
        log.line("ingest-yard", NativeLogLines.AV_LOG_ERROR, DESCRIBE_404);
        log.line("ingest-gate", NativeLogLines.AV_LOG_WARNING, "[h264 @ 0x55] co located POCs unavailable");
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, DESCRIBE_404);
        assertThat(messages()).containsExactly(
                "ERROR camera gate: ffmpeg: " + DESCRIBE_404.strip(),
                "ERROR camera yard: ffmpeg: " + DESCRIBE_404.strip(),
                "WARN camera gate: ffmpeg: [h264 @ 0x55] co located POCs unavailable");
    }

    @Test
    void aRefusedConnectionIsDebugBecauseTheCameraReportsItItself() {
        String refused = "[tcp @ 0x7f09ccba4e80] Connection to tcp://127.0.0.1:8554?timeout=5000000 failed: "
                + "Connection refused\n";
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, refused);
        assertThat(messages()).isEmpty();
        logger.setLevel(Level.DEBUG);
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, refused);
        log.line("ingest-gate", NativeLogLines.AV_LOG_ERROR, refused.replace("4e80", "5d80"));
        assertThat(messages()).containsExactly("DEBUG camera gate: ffmpeg: " + refused.strip());
    }

    @Test
    void levelsFollowFfmpegsAndOtherThreadsKeepTheirName() {
        log.line("main", NativeLogLines.AV_LOG_INFO, "Input #0, mov,mp4, from 'clip.mp4':");
        log.line("main", 40, "verbose detail");
        log.line("main", NativeLogLines.AV_LOG_WARNING, "  \n");
        assertThat(messages()).containsExactly("INFO main: ffmpeg: Input #0, mov,mp4, from 'clip.mp4':");
        assertThat(NativeLogLines.level(8, "fatal")).isEqualTo(org.slf4j.event.Level.ERROR);
        assertThat(NativeLogLines.level(48, "debug")).isEqualTo(org.slf4j.event.Level.DEBUG);
    }
}
