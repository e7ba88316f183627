package io.edgewatch.cli;

import io.edgewatch.metrics.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Version and git commit as the build recorded them (the same values as the edgewatch_build_info metric). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.current();
        return new String[] {"edgewatch " + build.version() + " (commit " + build.commit() + ")",
                "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.arch")};
    }
}
