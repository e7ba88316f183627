package io.edgewatch.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.edgewatch.config.Redact;

/**
 * Logback {@code %rmsg}: the formatted message with URL credentials hidden. A safety net under every log
 * line, including those of libraries (Paho, HiveMQ, FFmpeg's native log) that never saw our redaction.
 */
public final class RedactedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redact.text(super.convert(event)).stripTrailing(); // FFmpeg lines end in a newline
    }
}
