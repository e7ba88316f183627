package io.edgewatch.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What was built: the project version and the git commit, written to {@code io/edgewatch/build.properties} by the
 * build (pom.xml, generate-resources). Classes run without that step (an IDE) show {@code dev} / {@code unknown}.
 *
 * @param version project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit  abbreviated git commit id, or {@code unknown}
 */
public record BuildInfo(String version, String commit) {
    static final String RESOURCE = "/io/edgewatch/build.properties";

    public BuildInfo {
        version = blankTo(version, "dev");
        commit = blankTo(commit, "unknown");
    }

    /** The build of the running code. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(p.getProperty("version"), p.getProperty("commit"));
    }

    /** e.g. {@code 0.1.0 (commit 1a2b3c4d5e6f)}. */
    @Override
    public String toString() {
        return version + " (commit " + commit + ")";
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
