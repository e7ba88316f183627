package io.edgewatch.app;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.edgewatch.config.Redact;

/** Logback {@code %rex}: stack traces with URL credentials hidden in every message of the cause chain. */
public final class RedactedThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return Redact.text(super.throwableProxyToString(tp));
    }
}
