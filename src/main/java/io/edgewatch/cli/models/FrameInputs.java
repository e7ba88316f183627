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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Frames of a video file, RTSP URL or image folder as model inputs, preprocessed exactly as the daemon's
 * detector does (NanoDet: stretch to S x S, BGR, mean/std). Calibration streams them so only one decoded
 * frame is in memory at a time. With {@code holdoutEvery = K > 0} every K-th selected frame is withheld from
 * calibration and kept (decoded) for the accuracy gate; the first few calibration inputs are kept too.
 */
final class FrameInputs implements CalibrationSource, AutoCloseable {
    static final int KEPT_INPUTS = 2;
    private final String source;
    private final FrameSampler.Selection selection;
    private final NanoDetPreprocessor preprocessor;
    private final int holdoutEvery;
    private final List<VideoFrame> heldOut = new ArrayList<>();
    private final List<float[]> firstInputs = new ArrayList<>();
    private FrameStream stream;

    FrameInputs(String source, FrameSampler.Selection selection, int inputSize) {
        this(source, selection, inputSize, 0);
    }

    FrameInputs(String source, FrameSampler.Selection selection, int inputSize, int holdoutEvery) {
        this.source = source;
        this.selection = selection;
        this.preprocessor = new NanoDetPreprocessor(inputSize);
        this.holdoutEvery = holdoutEvery;
        FFmpegLogCallback.set(); // FFmpeg's own messages (URLs included) through the redacting logger
    }

    /** The upper bound used for progress; a short source may end earlier (see {@link #taken()}). */
    @Override
    public int size() {
        return selection.max() - (holdoutEvery > 0 ? selection.max() / holdoutEvery : 0);
    }

    /** Frames read from the source, held-out ones included. */
    int taken() {
        return stream == null ? 0 : stream.taken();
    }

    /** Frames withheld from calibration, in source order. */
    List<VideoFrame> heldOut() {
        return List.copyOf(heldOut);
    }

    /** Up to {@value #KEPT_INPUTS} of the calibration inputs, for a layer report. */
    List<float[]> firstInputs() {
        return List.copyOf(firstInputs);
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
                while (holdoutEvery > 0 && stream.hasNext() && (stream.taken() + 1) % holdoutEvery == 0) {
                    heldOut.add(stream.next());
                }
                return stream.hasNext();
            }

            @Override
            public float[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                float[] x = tensor(stream.next());
                if (firstInputs.size() < KEPT_INPUTS) {
                    firstInputs.add(x);
                }
                return x;
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
