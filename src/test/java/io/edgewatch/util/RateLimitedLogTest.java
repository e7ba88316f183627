package io.edgewatch.util;

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

/** First occurrence, then one line per window with the count held back; keys are independent. */
class RateLimitedLogTest {
    private final FakeTime time = FakeTime.atNanos(5_000_000_000L);
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.ratelimited." + System.nanoTime());
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RateLimitedLog log;

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
        log = new RateLimitedLog(logger, Duration.ofMinutes(1), time);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aThousandRepeatsInOneWindowWriteOneLineThenOneSummary() {
        assertThat(log.warn("write", "cannot write {}", 1)).isTrue();
        for (int i = 2; i <= 1000; i++) {
            time.advance(Duration.ofMillis(50));
            assertThat(log.warn("write", "cannot write {}", i)).isFalse();
        }
        assertThat(messages()).containsExactly("cannot write 1");
        assertThat(log.held("write")).isEqualTo(999);
        time.advance(Duration.ofSeconds(11));   // 49.95 s + 11 s since the first line, whole seconds shown
        assertThat(log.warn("write", "cannot write {}", 1001)).isTrue();
        assertThat(messages()).containsExactly("cannot write 1", "cannot write 1001 (999 more in the last 60 s)");
        assertThat(log.held("write")).isZero();
    }

    @Test
    void flushWritesTheHeldSummaryOnlyAfterTheWindow() {
        log.error("open", "broken {}", "a");
        log.error("open", "broken {}", "b");
        log.error("open", "broken {}", "c");
        log.flush();
        assertThat(messages()).containsExactly("broken a");
        time.advance(Duration.ofSeconds(60));
        log.flush();
        assertThat(messages()).containsExactly("broken a", "broken c (1 more in the last 60 s)");
        assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.ERROR);
        log.flush();
        assertThat(messages()).hasSize(2);
    }

    @Test
    void keysAreLimitedIndependently() {
        log.warn("write", "w");
        log.warn("delete", "d");
        log.warn("write", "w");
        assertThat(messages()).containsExactly("w", "d");
        assertThat(log.held("write")).isEqualTo(1);
        assertThat(log.held("delete")).isZero();
    }

    @Test
    void aQuietKeyLogsAgainAtOnceAfterTheWindow() {
        log.warn("write", "once");
        time.advance(Duration.ofMinutes(2));
        assertThat(log.warn("write", "twice")).isTrue();
        assertThat(messages()).containsExactly("once", "twice");
    }
}
