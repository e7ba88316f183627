package io.edgewatch.cli.models;

import io.edgewatch.compress.data.FrameSampler;
import picocli.CommandLine.Option;

/** One {@code --frames SOURCE [--skip S] [--stride K] [--max N]} group; commands may repeat it. */
public final class FrameSourceOptions {
    @Option(names = "--frames", required = true, paramLabel = "SOURCE",
            description = "video file, rtsp:// URL or image folder (repeat the group for several sources)")
    String source;

    @Option(names = "--skip", defaultValue = "0", description = "skip the first S frames of this source")
    int skip;

    @Option(names = "--stride", defaultValue = "1", description = "take every K-th frame of this source")
    int stride;

    @Option(names = "--max", defaultValue = "200", description = "at most N frames of this source")
    int max;

    FrameSampler.Selection selection() {
        return new FrameSampler.Selection(skip, stride, max);
    }

    @Override
    public String toString() {
        return source + " (skip " + skip + ", stride " + stride + ", max " + max + ")";
    }
}
