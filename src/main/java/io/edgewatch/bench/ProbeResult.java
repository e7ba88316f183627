package io.edgewatch.bench;

/**
 * What one daemon run measured (in the probe process, over the measuring window only).
 *
 * @param cpuSeconds        process CPU time (all threads) spent in the window
 * @param cpuOfMachine      cpuSeconds / (window * available processors), 0..1
 * @param framesDecoded     frames decoded by all cameras in the window
 * @param detected          detections served by the detect loop in the window
 * @param requested         cameras * detect fps * window: what the schedule asked for
 * @param skippedStale      detect slots skipped because the frame was too old
 * @param skippedNoFrame    detect slots skipped because no new frame had arrived
 * @param framesDropped     frames replaced in a mailbox before the detect loop took them
 * @param inferenceMs       session.run wall latency in the daemon
 * @param preprocessMs      resize + normalise wall latency in the daemon
 * @param endToEndMs        frame decoded (time-stamped by ingest) → event received by an MQTT subscriber
 * @param frameToPublishMs  frame time-stamp → the publisher hands the event to the MQTT client (published_time)
 * @param events            events received in the window (new/update only)
 * @param cpuByThreads      CPU seconds per thread group (detect, ingest, broker, ...; see {@link ThreadCpu})
 */
record ProbeResult(int cameras, double detectFps, double seconds, double cpuSeconds, double cpuOfMachine,
                   long framesDecoded, long detected, double requested, long skippedStale, long skippedNoFrame,
                   long framesDropped, Percentiles inferenceMs, Percentiles preprocessMs, Percentiles endToEndMs,
                   Percentiles frameToPublishMs, long events, double rssMb, double heapUsedMb, double heapCommittedMb, long pid,
                   java.util.Map<String, Double> cpuByThreads, NativeMemory nativeMemory) {

    /** NMT totals from {@code jcmd <pid> VM.native_memory summary}; null when not measured. */
    record NativeMemory(double reservedMb, double committedMb, double javaHeapCommittedMb, String error) {}

    /** Daemon CPU per detection in ms: all its process's threads (the bench's subscriber runs in the bench). */
    double cpuMsPerDetection() {
        return detected == 0 ? Double.NaN : cpuSeconds * 1000 / detected;
    }

    ProbeResult withNativeMemory(NativeMemory nmt) {
        return new ProbeResult(cameras, detectFps, seconds, cpuSeconds, cpuOfMachine, framesDecoded, detected,
                requested, skippedStale, skippedNoFrame, framesDropped, inferenceMs, preprocessMs, endToEndMs,
                frameToPublishMs, events, rssMb, heapUsedMb, heapCommittedMb, pid, cpuByThreads, nmt);
    }

    /** With the event latencies the bench's subscriber measured over the window (nanoseconds per event). */
    ProbeResult withLatency(long[] endToEndNanos, long[] frameToPublishNanos) {
        return new ProbeResult(cameras, detectFps, seconds, cpuSeconds, cpuOfMachine, framesDecoded, detected,
                requested, skippedStale, skippedNoFrame, framesDropped, inferenceMs, preprocessMs,
                Percentiles.ofNanos(endToEndNanos), Percentiles.ofNanos(frameToPublishNanos), endToEndNanos.length,
                rssMb, heapUsedMb, heapCommittedMb, pid, cpuByThreads, nativeMemory);
    }
}
