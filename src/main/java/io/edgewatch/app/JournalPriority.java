package io.edgewatch.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback {@code %jprio}: the sd-daemon {@code <N>} syslog priority prefix when stderr is connected to the
 * journal (systemd sets {@code JOURNAL_STREAM}), so {@code journalctl -p warning} filters by level; empty
 * otherwise, so a terminal shows plain lines.
 */
public final class JournalPriority extends ClassicConverter {
    private boolean journal;

    @Override
    public void start() {
        String stream = System.getenv("JOURNAL_STREAM");
        journal = stream != null && !stream.isBlank();
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return journal ? prefix(event.getLevel()) : "";
    }

    /** sd-daemon.h: 3 error, 4 warning, 6 info, 7 debug (trace too). */
    static String prefix(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "<3>";
            case Level.WARN_INT -> "<4>";
            case Level.INFO_INT -> "<6>";
            default -> "<7>";
        };
    }
}
