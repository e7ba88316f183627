package io.edgewatch.config;

import java.util.regex.Pattern;

/**
 * The one routine that hides credentials before text reaches a log line, an error, CLI output, /ready JSON
 * or a report: the password of URL userinfo ({@code rtsp://user:***@host}) and the values of the usual
 * credential query parameters ({@code ?user=admin&password=***}). Names are kept, so a reader still sees
 * which credential was used; user names are identifiers, not secrets, and stay readable.
 */
public final class Redact {
    public static final String MASK = "***";
    /** scheme://user:password@ anywhere in a text; the password ends at the last @ before the host. */
    private static final Pattern USERINFO = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*://)([^\\s/@:?#]*):([^\\s/?#]*)@");
    /** A credential parameter in a query string or a form: its value runs to the next separator. */
    private static final Pattern QUERY = Pattern.compile(
            "(?i)([?&;](?:password|passwd|pass|pwd|token|access_token|auth_token|api_key|apikey|key|secret"
                    + "|client_secret|auth|signature|sig)=)([^&;#\\s\"'<>]*)");

    private Redact() {}

    /** {@code rtsp://user:secret@host/x?token=t} becomes {@code rtsp://user:***@host/x?token=***}. */
    public static String url(String url) {
        return text(url);
    }

    /** Redacts every URL credential found in free text (messages, stack traces, JSON); null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty() || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1$2:" + MASK + "@");
        return QUERY.matcher(out).replaceAll("$1" + MASK);
    }
}
