package io.edgewatch.config;

/** The port part of a URL's authority ({@code user:pw@host:port}, {@code [::1]:554}) must be 1..65535. */
final class UrlPorts {
    static final String RULE = "port must be between 1 and 65535";

    private UrlPorts() {}

    /** True when the authority has no port, or a port in range. */
    static boolean valid(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int close = hostPort.lastIndexOf(']');
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || colon < close) {
            return true;
        }
        String port = hostPort.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return port.isEmpty();
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535;
    }

    /** The authority of {@code scheme://authority/path?query}, or "" when there is none. */
    static String authority(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        String rest = url.substring(start + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }
}
