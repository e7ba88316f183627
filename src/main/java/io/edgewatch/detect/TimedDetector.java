package io.edgewatch.detect;

import io.edgewatch.util.TimeSource;

/** What every detector reports the same way: its model's name and checksum, and its two latency windows. */
abstract class TimedDetector implements Detector {
    protected final String name;
    protected final InferenceTiming inferenceTiming;
    protected final InferenceTiming preprocessTiming;
    private final String sha256;

    TimedDetector(String name, String sha256, TimeSource time, int latencyWindow) {
        this.name = name;
        this.sha256 = sha256;
        this.inferenceTiming = new InferenceTiming(time, latencyWindow);
        this.preprocessTiming = new InferenceTiming(time, latencyWindow);
    }

    @Override
    public final String modelName() { return name; }

    @Override
    public final String modelSha256() { return sha256; }

    /** Start/end stamps and latencies of the model run alone. */
    @Override
    public final InferenceTiming inferenceTiming() { return inferenceTiming; }

    /** Resize + normalise latencies. */
    @Override
    public final InferenceTiming preprocessTiming() { return preprocessTiming; }
}
