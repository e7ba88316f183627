package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import java.util.List;
import io.edgewatch.util.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detector of any supported format on any backend: preprocess (natively, {@link ImagePreprocessor}) into
 * the backend's reused input buffer, run, decode the reused output buffers. Warms up at load. Not thread-safe: one caller at a time.
 */
public final class ModelDetector extends TimedDetector {
    private static final Logger log = LoggerFactory.getLogger(ModelDetector.class);

    private final InferenceBackend backend;
    private final ImagePreprocessor preprocessor;
    private final OutputDecoder decoder;
    private final ModelFormat format;
    private final List<String> labels;
    private boolean closed;

    /** Takes ownership of {@code backend} (closes it, also when construction fails). */
    public ModelDetector(InferenceBackend backend, FormatResolver.Resolved resolved, String name, String sha256,
                         TimeSource time, int latencyWindow) {
        super(name, sha256, time, latencyWindow);
        this.backend = backend;
        try {
            this.format = resolved.format();
            this.preprocessor = new ImagePreprocessor(resolved.spec(), backend.input());
            this.decoder = resolved.decoder();
            this.labels = resolved.labels();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        try {
            warmUp();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("Detector {} ready: format {}, runtime {}, input {}x{}{}, {} labels", name, format.key(),
                backend.runtime(), backend.inputWidth(), backend.inputHeight(), backend.inputUint8() ? " uint8" : "",
                resolved.labels().size());
    }

    private void warmUp() {
        int w = backend.inputWidth();
        int h = backend.inputHeight();
        byte[] grey = new byte[w * h * 3];
        java.util.Arrays.fill(grey, (byte) ImagePreprocessor.PAD);
        FrameMapping m = preprocessor.fill(grey, w, h);
        backend.run();
        decoder.decode(backend.outputs(), m);
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        if (closed) {
            throw new IllegalStateException("detector " + name + " is closed");
        }
        long p0 = preprocessTiming.start();
        FrameMapping mapping = preprocessor.fill(frame);
        preprocessTiming.end(p0);
        long start = inferenceTiming.start();
        try {
            backend.run();
        } finally {
            inferenceTiming.end(start);
        }
        return decoder.decode(backend.outputs(), mapping);
    }

    public ModelFormat format() { return format; }

    /** Class names, index = class id; the labels its detections carry. */
    public List<String> labels() { return labels; }

    /** Runtime name, e.g. {@code onnxruntime} or {@code tflite+xnnpack}. */
    public String runtime() { return backend.runtime(); }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            preprocessor.close();
            backend.close();
        }
    }
}
