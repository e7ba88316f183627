package io.edgewatch.ingest;

import io.edgewatch.config.Redact;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** What kind of input a camera URL names, and how to keep its credentials out of messages. */
final class SourceUrls {
    /** user:secret@ after any scheme, anywhere in a text (FFmpeg messages quote the URL). */
    private static final Pattern EMBEDDED_USERINFO = Pattern.compile("(://[^/@:\\s\"']*):[^/@\\s\"']*@");

    /** JavaCV appends hints for developers ("(Has setFormat() been called?)") that only confuse an operator. */
    private static final Pattern JAVACV_HINTS = Pattern.compile(
            "\\s*\\((?:Has setFormat|For more details).*?called[.?]?\\)\\.?");

    private SourceUrls() {}

    /** Network streams arrive in real time and are reconnected; everything else is a file read at its own pace. */
    static boolean isLive(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("rtsp://") || u.startsWith("rtsps://") || u.startsWith("rtmp://")
                || u.startsWith("http://") || u.startsWith("https://") || u.startsWith("udp://")
                || u.startsWith("tcp://") || u.startsWith("srt://");
    }

    static boolean isRtsp(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("rtsp://") || u.startsWith("rtsps://");
    }

    /**
     * FFmpeg's words for ECONNREFUSED: strerror in its own log line, AVERROR(ECONNREFUSED) = -111 (Linux) in the
     * error JavaCV throws.
     */
    static boolean isConnectionRefused(String text) {
        return text != null && (text.contains("Connection refused") || text.contains("error -111:"));
    }

    /** FFmpeg logs a refusal as an error of its own, with no camera name; this is the reason an operator needs. */
    static String refused(String url) {
        String where = hostPort(url);
        return "connection refused" + (where.isEmpty() ? "" : " by " + where)
                + " (camera or its RTSP server down, or wrong port?): " + Redact.url(url);
    }

    /** host:port of a network URL (no credentials; the scheme's default port when none is given), else "". */
    static String hostPort(String url) {
        try {
            URI u = new URI(url);
            if (u.getHost() == null) {
                return "";
            }
            int port = u.getPort() >= 0 ? u.getPort() : defaultPort(u.getScheme());
            return port > 0 ? u.getHost() + ":" + port : u.getHost();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    private static int defaultPort(String scheme) {
        return switch (scheme == null ? "" : scheme.toLowerCase(Locale.ROOT)) {
            case "rtsp" -> 554;
            case "rtsps" -> 322;
            case "http" -> 80;
            case "https" -> 443;
            case "rtmp" -> 1935;
            default -> -1;
        };
    }

    /** {@code text} with the camera URL replaced by its redacted form and any other userinfo masked. */
    static String redact(String text, String url) {
        if (text == null) {
            return "";
        }
        String out = url == null || url.isEmpty() ? text : text.replace(url, Redact.url(url));
        return EMBEDDED_USERINFO.matcher(out).replaceAll("$1:***@");
    }

    /** A one-line description of a failure, safe to log: type and redacted message of the cause chain. */
    static String describe(Throwable error, String url) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = error; t != null && sb.length() < 400; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(JAVACV_HINTS.matcher(t.getMessage()).replaceAll("").strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return redact(sb.toString(), url);
    }
}
