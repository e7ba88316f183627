package io.edgewatch.ingest;

import io.edgewatch.util.RateLimitedLog;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * FFmpeg's native log lines, as SLF4J lines: the camera named (from the decoder thread, "ingest-&lt;camera&gt;"),
 * and each distinct line of a thread written once, then at most once per window with the count held back. A camera
 * that is down makes FFmpeg repeat the same lines on every reconnect attempt; without this they fill the journal.
 * A refused connection is only debug here: {@link CameraIngest} says it once, as a warning in its own words.
 */
final class NativeLogLines {
    /** FFmpeg's AV_LOG_* levels (libavutil/log.h). */
    static final int AV_LOG_ERROR = 16;
    static final int AV_LOG_WARNING = 24;
    static final int AV_LOG_INFO = 32;

    /** "[tcp @ 0x7f09ccba4e80]": a new context address on every attempt, the same line for a reader. */
    private static final Pattern CONTEXT_ADDRESS = Pattern.compile("@ 0x[0-9a-fA-F]+");
    private static final String INGEST_THREAD = "ingest-";

    private final Logger log;
    private final RateLimitedLog limited;

    NativeLogLines(Logger log, TimeSource time, Duration window) {
        this.log = Objects.requireNonNull(log, "log must not be null");
        this.limited = new RateLimitedLog(log, window, time);
    }

    /** One line from FFmpeg, logged (or counted) on behalf of {@code thread}. */
    void line(String thread, int avLevel, String text) {
        if (text == null) {
            return;
        }
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        Level level = level(avLevel, line);
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        String who = thread.startsWith(INGEST_THREAD) ? "camera " + thread.substring(INGEST_THREAD.length()) : thread;
        String key = thread + '|' + level + '|' + CONTEXT_ADDRESS.matcher(line).replaceAll("@");
        limited.log(level, key, "{}: ffmpeg: {}", who, line);
    }

    /** FFmpeg's level as ours; a refused connection is reported by the camera itself. */
    static Level level(int avLevel, String line) {
        if (SourceUrls.isConnectionRefused(line)) {
            return Level.DEBUG;
        }
        if (avLevel <= AV_LOG_ERROR) {
            return Level.ERROR;
        }
        if (avLevel <= AV_LOG_WARNING) {
            return Level.WARN;
        }
        return avLevel <= AV_LOG_INFO ? Level.INFO : Level.DEBUG;
    }
}
