package io.edgewatch.util;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a repeated warning once, then at most once per window with a count of what was held back
 * ({@code "... (1292 more in the last 60 s)"}), so a fault that repeats per event cannot flood the journal or fill
 * the disk it is complaining about. Keys name the kind of fault (a fixed set chosen by the caller, not data).
 * A summary is written on the first occurrence after the window; {@link #flush} writes pending ones.
 */
public final class RateLimitedLog {
    private static final int MAX_KEYS = 256;

    private final Logger log;
    private final long windowNanos;
    private final TimeSource time;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        long since;
        long held;
        Level level;
        String format;
        Object[] args;
    }

    public RateLimitedLog(Logger log, Duration window, TimeSource time) {
        this.log = Objects.requireNonNull(log, "log must not be null");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowNanos = window.toNanos();
        this.time = Objects.requireNonNull(time, "time must not be null");
    }

    /** @return true if this occurrence was written (first one, or the window had passed) */
    public boolean warn(String key, String format, Object... args) {
        return log(Level.WARN, key, format, args);
    }

    public boolean error(String key, String format, Object... args) {
        return log(Level.ERROR, key, format, args);
    }

    /** Occurrences of {@code key} held back in the current window. */
    public synchronized long held(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.held;
    }

    /** Writes the summary of every key whose window has passed with occurrences held back. */
    public synchronized void flush() {
        long now = time.nanos();
        for (Entry e : entries.values()) {
            if (e.held > 0 && now - e.since >= windowNanos) {
                e.held--; // the line written is the latest of the held ones
                write(e, now);
            }
        }
    }

    /** Any level, for callers that pass on another logger's levels (FFmpeg's native log). */
    public synchronized boolean log(Level level, String key, String format, Object... args) {
        long now = time.nanos();
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= MAX_KEYS) {
                entries.clear(); // keys are meant to be a fixed set; never let a misuse grow without bound
            }
            e = new Entry();
            entries.put(key, e);
        } else if (now - e.since < windowNanos) {
            e.held++;
            e.level = level;
            e.format = format;
            e.args = args;
            return false;
        }
        e.level = level;
        e.format = format;
        e.args = args;
        write(e, now);
        return true;
    }

    /** The latest message, with the count of the ones held back since the previous line. */
    private void write(Entry e, long now) {
        if (e.held == 0) {
            log.atLevel(e.level).log(e.format, e.args);
        } else {
            long seconds = Math.max(1, (now - e.since) / 1_000_000_000L);
            log.atLevel(e.level).log(e.format + " (" + e.held + " more in the last " + seconds + " s)", e.args);
        }
        e.since = now;
        e.held = 0;
    }
}
