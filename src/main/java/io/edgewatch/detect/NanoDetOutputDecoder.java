package io.edgewatch.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link NanoDetDecoder} behind {@link OutputDecoder}: finds the three score and three bin tensors by
 * shape (so renamed outputs work), decodes, and maps boxes from the input to the frame. NanoDet's input is
 * a stretch of the frame, so the mapping is the identity on normalised coordinates.
 */
final class NanoDetOutputDecoder implements OutputDecoder {
    private final NanoDetDecoder decoder;
    private final FloatBuffer[] scores = new FloatBuffer[3];
    private final FloatBuffer[] bins = new FloatBuffer[3];
    private final FloatBuffer[] maxima = new FloatBuffer[3];
    private boolean bound;

    NanoDetOutputDecoder(NanoDetDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * True when the outputs are NanoDet's per-stride scores [1,N,C] and bins [1,N,44] for this input, with or
     * without the scores' per-cell maxima [1,N] that {@link ScoreMaxima} adds.
     */
    static boolean matches(List<TensorView> outputs, int inputSize) {
        return bind(outputs, inputSize, new FloatBuffer[3], new FloatBuffer[3], new FloatBuffer[3]);
    }

    private static boolean bind(List<TensorView> outputs, int size, FloatBuffer[] scores, FloatBuffer[] bins,
                                FloatBuffer[] maxima) {
        if ((outputs.size() != 6 && outputs.size() != 9) || size % 32 != 0) {
            return false;
        }
        for (TensorView t : outputs) {
            if (t.rank() != 3 && !(t.rank() == 2 && outputs.size() == 9)) {
                return false;
            }
            for (int level = 0; level < 3; level++) {
                int grid = size / NanoDetDecoder.STRIDES[level];
                if (t.dim(1) == grid * grid) {
                    if (t.rank() == 2) {
                        maxima[level] = t.data();
                    } else if (t.dim(2) == NanoDetDecoder.SIDES * NanoDetDecoder.BINS) {
                        bins[level] = t.data();
                    } else {
                        scores[level] = t.data();
                    }
                }
            }
        }
        for (int level = 0; level < 3; level++) {
            if (scores[level] == null || bins[level] == null || (outputs.size() == 9 && maxima[level] == null)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Detection> decode(List<TensorView> outputs, FrameMapping mapping) {
        if (!bound) {
            if (!bind(outputs, decoder.inputSize(), scores, bins, maxima)) {
                throw new IllegalArgumentException("nanodet expects per-stride scores [1,N,80] and bins [1,N,44] for "
                        + "input " + decoder.inputSize() + "; got " + outputs);
            }
            bound = true;
        }
        List<Detection> found = decoder.decode(scores, bins, maxima);
        if (mapping.padX() == 0 && mapping.padY() == 0) {
            return found;
        }
        List<Detection> mapped = new ArrayList<>(found.size());
        int s = decoder.inputSize();
        for (Detection d : found) {
            OutputDecoder.add(mapped, d.classId(), d.label(), d.score(), d.x1() * s, d.y1() * s, d.x2() * s,
                    d.y2() * s, mapping);
        }
        return mapped;
    }
}
