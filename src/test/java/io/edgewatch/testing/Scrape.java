package io.edgewatch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP GETs against the ops endpoint on 127.0.0.1 and lookups in Prometheus text. */
public final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)");

    private Scrape() {}

    public record Reply(int status, String contentType, String body) {}

    public static Reply get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Value of the first sample named {@code name} whose labels include every {@code key="value"} given, or NaN
     * if there is none.
     */
    public static double value(String text, String name, String... labels) {
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name) && hasAll(m.group(3), labels)) {
                return Double.parseDouble(m.group(4));
            }
        }
        return Double.NaN;
    }

    /** Sum over every series of {@code name} carrying all {@code labels} (e.g. all JVM memory pools); NaN if none. */
    public static double sum(String text, String name, String... labels) {
        double total = Double.NaN;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name) && hasAll(m.group(3), labels)) {
                total = (Double.isNaN(total) ? 0 : total) + Double.parseDouble(m.group(4));
            }
        }
        return total;
    }

    private static boolean hasAll(String labelText, String... labels) {
        String have = labelText == null ? "" : labelText;
        for (String l : labels) {
            if (!have.contains(l)) {
                return false;
            }
        }
        return true;
    }
}
