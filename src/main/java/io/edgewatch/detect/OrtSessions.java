package io.edgewatch.detect;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * The one place that builds ONNX Runtime session options, for the daemon's detectors and face blur as well as
 * the offline tools, so thread and spinning settings cannot drift apart between what is benchmarked and what runs.
 *
 * <p>Spinning is off for both pools: on 2-core boxes spinning ORT workers steal the decoder threads' cores
 * (measured 2-3.5x slowdown, DESIGN.md §4). Inter-op parallelism is off (one inter-op thread, sequential mode):
 * the detector graphs are chains, and every extra pool is another set of threads fighting for two cores.
 */
public final class OrtSessions {
    private OrtSessions() {}

    /** Options with {@code intraOpThreads} and all graph optimisations; the caller closes them. */
    public static OrtSession.SessionOptions options(int intraOpThreads) throws OrtException {
        return options(intraOpThreads, OptLevel.ALL_OPT);
    }

    /** Options with {@code intraOpThreads} and the given optimisation level; the caller closes them. */
    public static OrtSession.SessionOptions options(int intraOpThreads, OptLevel level) throws OrtException {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be positive: " + intraOpThreads);
        }
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setIntraOpNumThreads(intraOpThreads);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.addConfigEntry("session.inter_op.allow_spinning", "0");
            o.setOptimizationLevel(level);
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }
}
