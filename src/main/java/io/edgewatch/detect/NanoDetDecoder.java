package io.edgewatch.detect;

import io.edgewatch.config.CocoNames;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns NanoDet-m (GFL head) outputs into detections. Pure Java so it can be tested without ONNX Runtime.
 *
 * <p>Per stride level the model gives class scores [N,80] (already sigmoid) and distance bins [N,44]:
 * four sides (left, top, right, bottom) x 11 bins. A side's distance is the expectation of the softmax
 * over its bins, times the stride, measured from the cell centre. Cells are row-major:
 * {@code index = y * gridWidth + x}.
 *
 * <p>Cell centre: {@code (x + 0.5) * stride}, the convention of NanoDet's GFL head. Checked on dog.jpg
 * (FlipConsistencyIT): boxes found in the mirrored image, mirrored back, differ from the original ones by
 * a mean 5.9 px per x edge (416 px input) with +0.5, and by 18.0 px with {@code x * stride}.
 *
 * <p>Boxes come out normalised to the network input (0..1), clipped; with a plain stretch resize that is
 * also the original frame.
 */
public final class NanoDetDecoder {
    public static final int[] STRIDES = {8, 16, 32};
    public static final int REG_MAX = 10;
    public static final int BINS = REG_MAX + 1;
    public static final int SIDES = 4;
    /** Cell-centre offset in cells, see class comment. */
    public static final float CENTER_OFFSET = 0.5f;

    private final int inputSize;
    private final int numClasses;
    private final float scoreThreshold;
    private final float centerOffset;
    private final Nms nms;
    private final float[] distances = new float[SIDES];
    /** Cells whose scores are copied out together (20 KB at 80 classes, L1-sized). */
    static final int CHUNK_CELLS = 64;
    /**
     * Scores copied in bulk, a chunk of cells at a time: an array loop is several times faster than per-element
     * buffer gets under C1, and a small chunk stays in L1 where a whole level's copy (0.85 MB at 52²) did not.
     */
    private final float[] chunk;
    /** No level has maxima: {@link #decode(FloatBuffer[], FloatBuffer[])} without an array per call. */
    private final FloatBuffer[] noMaxima = new FloatBuffer[STRIDES.length];
    /** One cell's scores, read when its maximum reaches the threshold. */
    private final float[] cellScores;

    public NanoDetDecoder(int inputSize, double scoreThreshold, Nms nms) {
        this(inputSize, CocoNames.size(), scoreThreshold, CENTER_OFFSET, nms);
    }

    NanoDetDecoder(int inputSize, int numClasses, double scoreThreshold, float centerOffset, Nms nms) {
        if (inputSize <= 0 || inputSize % STRIDES[STRIDES.length - 1] != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32: " + inputSize);
        }
        if (numClasses <= 0 || numClasses > CocoNames.size()) {
            throw new IllegalArgumentException("numClasses must be in 1..80: " + numClasses);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0,1): " + scoreThreshold);
        }
        if (nms == null) {
            throw new IllegalArgumentException("nms must not be null");
        }
        this.inputSize = inputSize;
        this.numClasses = numClasses;
        this.scoreThreshold = (float) scoreThreshold;
        this.centerOffset = centerOffset;
        this.nms = nms;
        this.chunk = new float[CHUNK_CELLS * numClasses];
        this.cellScores = new float[numClasses];
    }

    public int inputSize() { return inputSize; }
    public float scoreThreshold() { return scoreThreshold; }

    /** Cells per side of the grid at level {@code level} (0 = stride 8). */
    public int gridSize(int level) {
        return inputSize / STRIDES[level];
    }

    /**
     * Decodes one inference. {@code scores[level]} and {@code bins[level]} are read with absolute gets
     * from index 0 and are not modified. Not thread-safe (reuses a scratch array).
     */
    public List<Detection> decode(FloatBuffer[] scores, FloatBuffer[] bins) {
        return decode(scores, bins, noMaxima);
    }

    /**
     * As {@link #decode(FloatBuffer[], FloatBuffer[])}, with each level's per-cell score maximum [N] where the
     * graph gives it ({@link ScoreMaxima}; a null entry: scan that level's scores): only cells whose maximum
     * reaches the threshold are read in full, which finds the same detections.
     */
    public List<Detection> decode(FloatBuffer[] scores, FloatBuffer[] bins, FloatBuffer[] maxima) {
        if (scores.length != STRIDES.length || bins.length != STRIDES.length || maxima.length != STRIDES.length) {
            throw new IllegalArgumentException("expected " + STRIDES.length + " score, bin and maxima tensors");
        }
        List<Detection> candidates = new ArrayList<>();
        for (int level = 0; level < STRIDES.length; level++) {
            if (maxima[level] == null) {
                decodeLevel(level, scores[level], bins[level], candidates);
            } else {
                decodeLevel(level, scores[level], bins[level], maxima[level], candidates);
            }
        }
        return nms.apply(candidates);
    }

    private void decodeLevel(int level, FloatBuffer scores, FloatBuffer bins, List<Detection> out) {
        int grid = gridSize(level);
        int cells = grid * grid;
        checkSize("scores", level, scores, cells * numClasses);
        checkSize("bins", level, bins, cells * SIDES * BINS);
        float[] part = chunk;
        int base = CHUNK_CELLS * numClasses; // offset of this cell's scores in part: refill at the chunk's end
        for (int cell = 0; cell < cells; cell++, base += numClasses) {
            if (base == part.length) {
                scores.get(cell * numClasses, part, 0, Math.min(CHUNK_CELLS, cells - cell) * numClasses);
                base = 0;
            }
            decodeCell(level, cell, part, base, bins, out);
        }
    }

    /** Reads in full only the cells whose score maximum reaches the threshold. */
    private void decodeLevel(int level, FloatBuffer scores, FloatBuffer bins, FloatBuffer maxima,
                             List<Detection> out) {
        int grid = gridSize(level);
        int cells = grid * grid;
        checkSize("scores", level, scores, cells * numClasses);
        checkSize("bins", level, bins, cells * SIDES * BINS);
        checkSize("maxima", level, maxima, cells);
        float[] max = chunk; // cells ≤ CHUNK_CELLS × classes at every level of a 416² input; else in parts
        float[] row = cellScores;
        for (int first = 0; first < cells; first += max.length) {
            int n = Math.min(max.length, cells - first);
            maxima.get(first, max, 0, n);
            for (int i = 0; i < n; i++) {
                if (!(max[i] < scoreThreshold)) { // a NaN maximum: read the cell
                    int cell = first + i;
                    scores.get(cell * numClasses, row, 0, numClasses);
                    decodeCell(level, cell, row, 0, bins, out);
                }
            }
        }
    }

    /** The detections of one cell whose scores are {@code part[base..base+classes)}. */
    private void decodeCell(int level, int cell, float[] part, int base, FloatBuffer bins, List<Detection> out) {
        boolean boxDone = false;
        float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        for (int c = 0; c < numClasses; c++) {
            float s = part[base + c];
            if (!(s >= scoreThreshold)) {
                continue;
            }
            if (!boxDone) {
                int grid = gridSize(level);
                int stride = STRIDES[level];
                sideDistances(bins, cell * SIDES * BINS, stride, distances);
                float cx = ((cell % grid) + centerOffset) * stride;
                float cy = ((cell / grid) + centerOffset) * stride;
                x1 = clip((cx - distances[0]) / inputSize);
                y1 = clip((cy - distances[1]) / inputSize);
                x2 = clip((cx + distances[2]) / inputSize);
                y2 = clip((cy + distances[3]) / inputSize);
                boxDone = true;
            }
            if (x2 <= x1 || y2 <= y1) {
                break; // degenerate after clipping: no class of this cell can have a box
            }
            out.add(new Detection(c, CocoNames.label(c), Math.min(s, 1f), x1, y1, x2, y2));
        }
    }

    /** Expected distance per side (l,t,r,b) in input pixels: softmax over the bins, expectation, x stride. */
    static void sideDistances(FloatBuffer bins, int offset, int stride, float[] out) {
        for (int side = 0; side < SIDES; side++) {
            out[side] = expectation(bins, offset + side * BINS) * stride;
        }
    }

    /** Softmax expectation over {@link #BINS} logits starting at {@code offset}: sum_i i * softmax_i. */
    static float expectation(FloatBuffer logits, int offset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < BINS; i++) {
            max = Math.max(max, logits.get(offset + i));
        }
        float sum = 0f;
        float weighted = 0f;
        for (int i = 0; i < BINS; i++) {
            float e = (float) Math.exp(logits.get(offset + i) - max);
            sum += e;
            weighted += e * i;
        }
        return weighted / sum;
    }

    private static float clip(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    private static void checkSize(String what, int level, FloatBuffer b, int needed) {
        if (b.limit() < needed) {
            throw new IllegalArgumentException(what + "[" + level + "] has " + b.limit()
                    + " values, expected " + needed);
        }
    }
}
