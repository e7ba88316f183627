package io.edgewatch.compress.gate;

import java.util.List;

/**
 * One measured candidate of the accuracy gate.
 *
 * @param step        0 for the plain quantization, then one more float layer per step
 * @param floatLayers nodes kept float by the gate so far (on top of the head tail and --exclude)
 * @param fidelity    AP50 of the candidate's detections against the float model's on the held-out frames
 * @param sizeBytes   serialized model size
 * @param p50Ms       median latency of a short single-thread run (a quick figure, not a benchmark)
 */
public record GateStep(int step, List<String> floatLayers, double fidelity, long sizeBytes, double p50Ms) {

    public GateStep {
        floatLayers = List.copyOf(floatLayers);
    }
}
