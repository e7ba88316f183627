package io.edgewatch.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgewatch.detect.OrtSessions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX Runtime CPU provider with the daemon's session settings (sequential, no spinning, all graph optimisations),
 * so the figures match what {@code edgewatch run} does. Create it on a large-stack thread.
 */
final class OrtRunner implements InferenceRunner {
    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final FloatBuffer input;
    private final long[] shape;
    private final String inputName;

    OrtRunner(String name, Path model, int threads, FloatBuffer input, long[] shape) throws OrtException {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.name = name;
        this.env = OrtEnvironment.getEnvironment();
        this.input = input;
        this.shape = shape.clone();
        try (OrtSession.SessionOptions opts = OrtSessions.options(threads)) {
            this.session = env.createSession(model.toString(), opts);
        }
        this.inputName = session.getInputNames().iterator().next();
    }

    @Override
    public String name() { return name; }

    @Override
    public void runOnce() throws OrtException {
        input.rewind();
        try (OnnxTensor t = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            if (r.size() == 0) {
                throw new IllegalStateException(name + " returned no outputs");
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing " + name + ": " + e.getMessage(), e);
        }
    }
}
