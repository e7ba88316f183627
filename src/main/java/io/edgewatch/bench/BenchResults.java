package io.edgewatch.bench;

import io.edgewatch.outbox.WriteCost;
import java.util.List;

/**
 * Everything one {@code edgewatch bench} run measured, as written to bench.json. {@code nominal} and {@code floor}
 * are the run with the embedded broker; {@code nominalExternal} and {@code floorExternal} the same probe against
 * an external mosquitto, null when {@code /usr/sbin/mosquitto} is not installed; {@code outboxWrites} is the
 * SD-card wear row (per-event commits, then group commit).
 */
public record BenchResults(Machine machine, List<RuntimeBench.Result> runtimes, FloorBench.Cost decode,
                           FloorBench.Cost decodeOnly, FloorBench.Cost inference, Floor floor, ProbeResult nominal, Floor floorExternal,
                           ProbeResult nominalExternal, List<ProbeResult> scale, List<Target> targets,
                           List<WriteCost.Result> outboxWrites) {

    /** Where and under what load it ran (other work on the box skews every figure; ratios suffer least). */
    public record Machine(String cpu, int cores, String java, String os, String loadAtStart, String loadAtEnd,
                         String clip, String scaleClip, String int8Model, String fp32Model) {}

    /**
     * Decode + inference floor per processed frame for the nominal daemon run, from that run's own counts.
     *
     * @param decodedPerDetection frames the daemon decoded per detection (stream fps / detect fps)
     * @param floorCpuMs          decodedPerDetection * decode CPU + inference CPU
     * @param daemonCpuMs         the daemon's process CPU per detection
     * @param overhead            daemonCpuMs / floorCpuMs
     * @param floorLatencyMs      decode wall + inference wall of one frame: the end-to-end latency floor
     * @param strictFloorCpuMs    the floor when only the detected frame is converted to BGR (as the daemon does
     *                            since issue 16): decodedPerDetection * decode-only CPU + one conversion + inference
     * @param strictOverhead      daemonCpuMs / strictFloorCpuMs
     */
    public record Floor(double decodedPerDetection, double floorCpuMs, double daemonCpuMs, double overhead,
                        double floorLatencyMs, double strictFloorCpuMs, double strictOverhead) {}

    /** One target of issue 8 with what was measured; {@code met} is null when it could not be measured. */
    public record Target(String name, String goal, String measured, Boolean met) {}
}
