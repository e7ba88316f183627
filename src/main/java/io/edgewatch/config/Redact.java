package io.edgewatch.config;

import java.util.regex.Pattern;

/** Hides credentials in URLs before they reach logs, metrics or error messages. */
public final class Redact {
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:]*)(:[^/@]*)?@");

    private Redact() {}

    /** {@code rtsp://user:secret@host/x} becomes {@code rtsp://user:***@host/x}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        return USERINFO.matcher(url).replaceFirst("$1$2:***@");
    }
}
