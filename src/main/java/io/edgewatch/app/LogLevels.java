package io.edgewatch.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured log level to Logback's root logger. */
public final class LogLevels {
    private LogLevels() {}

    public static void setRoot(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
