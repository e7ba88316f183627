package io.edgewatch.compress.latency;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgewatch.detect.OrtSessions;
import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Latency of several models at several intra-op thread counts, measured in one run and interleaved (model A,
 * model B, A, B …) so drift in machine load hits every variant alike. Spinning is off, as in the daemon.
 */
public final class LatencyBench {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final TimeSource time;

    public LatencyBench(TimeSource time) {
        this.time = time;
    }

    /** One benchmarked variant: a model file at a thread count. */
    public record Variant(String name, Path model, int threads) {}

    /** Result per variant, latencies in milliseconds. */
    public record Result(String name, Path model, int threads, long sizeBytes, double p50Ms, double p90Ms,
                         double meanMs, int runs) {}

    /**
     * @param input    one input tensor (NCHW float) used for every run, e.g. a preprocessed real frame
     * @param progress called with the round number after each interleaved round
     */
    public List<Result> run(List<Variant> variants, float[] input, int warmup, int rounds, IntConsumer progress)
            throws OrtException, IOException {
        List<OrtSession> sessions = new ArrayList<>();
        try {
            for (Variant v : variants) {
                sessions.add(open(v));
            }
            double[][] ms = new double[variants.size()][rounds];
            for (int r = -warmup; r < rounds; r++) {
                for (int i = 0; i < sessions.size(); i++) {
                    double t = timeOnce(sessions.get(i), input);
                    if (r >= 0) {
                        ms[i][r] = t;
                    }
                }
                if (r >= 0) {
                    progress.accept(r + 1);
                }
            }
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                out.add(new Result(v.name(), v.model(), v.threads(), Files.size(v.model()),
                        percentile(ms[i], 50), percentile(ms[i], 90), Arrays.stream(ms[i]).average().orElse(0), rounds));
            }
            return out;
        } finally {
            for (OrtSession s : sessions) {
                s.close();
            }
        }
    }

    private OrtSession open(Variant v) throws OrtException {
        try (OrtSession.SessionOptions o = OrtSessions.options(v.threads())) {
            return env.createSession(v.model().toString(), o);
        }
    }

    private double timeOnce(OrtSession session, float[] input) throws OrtException {
        Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
        long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
        FloatBuffer buf = ByteBuffer.allocateDirect(input.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buf.put(input).rewind();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, shape)) {
            long start = time.nanos();
            try (OrtSession.Result r = session.run(Map.of(in.getKey(), t))) {
                return (time.nanos() - start) / 1e6;
            }
        }
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }
}
