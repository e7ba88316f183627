package io.edgewatch.cli.models;

import io.edgewatch.compress.data.FrameSampler;
import org.bytedeco.javacv.FFmpegLogCallback;
import io.edgewatch.compress.data.FrameStream;
import io.edgewatch.compress.quant.CalibrationSource;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Frames of a video file, RTSP URL or image folder as model inputs, preprocessed exactly as the daemon's
 * detector does (NanoDet: stretch to S x S, BGR, mean/std). Calibration streams them so only one decoded
 * frame is in memory at a time.
 */
final class FrameInputs implements CalibrationSource, AutoCloseable {
    private final String source;
    private final FrameSampler.Selection selection;
    private final NanoDetPreprocessor preprocessor;
    private FrameStream stream;

    FrameInputs(String source, FrameSampler.Selection selection, int inputSize) {
        this.source = source;
        this.selection = selection;
        this.preprocessor = new NanoDetPreprocessor(inputSize);
        FFmpegLogCallback.set(); // FFmpeg's own messages (URLs included) through the redacting logger
    }

    /** The upper bound used for progress; a short source may end earlier (see {@link #taken()}). */
    @Override
    public int size() {
        return selection.max();
    }

    int taken() {
        return stream == null ? 0 : stream.taken();
    }

    @Override
    public Iterator<float[]> iterator() {
        if (stream != null) {
            throw new IllegalStateException("frames of " + source + " can be iterated once");
        }
        try {
            stream = FrameSampler.open(source, selection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public float[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return tensor(stream.next());
            }
        };
    }

    /** One frame as a fresh input array. */
    float[] tensor(VideoFrame frame) {
        FloatBuffer b = preprocessor.fill(frame);
        float[] x = new float[b.remaining()];
        b.get(x);
        return x;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
