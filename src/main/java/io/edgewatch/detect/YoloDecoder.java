package io.edgewatch.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The YOLO family's single dense output, one row per candidate box, best class per box, then NMS.
 * <ul>
 * <li>{@link ModelFormat#YOLOV8}: [1, 4+C, N] (channels first), cx, cy, w, h in input pixels, class scores.
 * <li>{@link ModelFormat#YOLOV5}: [1, N, 5+C], cx, cy, w, h, objectness, class scores; score = obj x cls.
 * <li>{@link ModelFormat#YOLOX}: [1, N, 5+C] raw grid outputs of strides 8/16/32 (row-major cells, stride
 *     8 first): cx = (tx + gx) x s, w = exp(tw) x s; obj and cls already sigmoid; score = obj x cls.
 * </ul>
 */
public final class YoloDecoder implements OutputDecoder {
    public static final int[] YOLOX_STRIDES = {8, 16, 32};

    private final ModelFormat format;
    private final List<String> labels;
    private final float threshold;
    private final Nms nms;
    private final int inputWidth;
    private final int inputHeight;
    private final float[] box = new float[4];

    public YoloDecoder(ModelFormat format, List<String> labels, double threshold, Nms nms, int inputWidth,
                       int inputHeight) {
        if (format != ModelFormat.YOLOV8 && format != ModelFormat.YOLOV5 && format != ModelFormat.YOLOX) {
            throw new IllegalArgumentException("not a YOLO format: " + format);
        }
        this.format = format;
        this.labels = List.copyOf(labels);
        this.threshold = (float) threshold;
        this.nms = nms;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
    }

    /** Candidate rows a YOLOX / YOLOv8 head has for this input size (one per cell over strides 8/16/32). */
    public static int gridCells(int width, int height) {
        int n = 0;
        for (int s : YOLOX_STRIDES) {
            n += (width / s) * (height / s);
        }
        return n;
    }

    @Override
    public List<Detection> decode(List<TensorView> outputs, FrameMapping mapping) {
        TensorView t = outputs.get(0);
        boolean channelsFirst = format == ModelFormat.YOLOV8;
        int rows = channelsFirst ? t.dim(2) : t.dim(1);
        int width = channelsFirst ? t.dim(1) : t.dim(2);
        int first = format == ModelFormat.YOLOV8 ? 4 : 5;
        int classes = width - first;
        if (classes <= 0 || classes > labels.size()) {
            throw new IllegalArgumentException(format.key() + " output " + t + " has " + classes
                    + " classes, labels: " + labels.size());
        }
        FloatBuffer d = t.data();
        List<Detection> candidates = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            float obj = first == 5 ? at(d, channelsFirst, rows, width, r, 4) : 1f;
            if (!(obj >= threshold)) {
                continue;
            }
            int best = -1;
            float bestScore = threshold;
            for (int c = 0; c < classes; c++) {
                float s = obj * at(d, channelsFirst, rows, width, r, first + c);
                if (s >= bestScore) {
                    best = c;
                    bestScore = s;
                }
            }
            if (best >= 0) {
                corners(d, channelsFirst, rows, width, r);
                OutputDecoder.add(candidates, best, labels.get(best), bestScore, box[0], box[1], box[2], box[3],
                        mapping);
            }
        }
        return nms.apply(candidates);
    }

    private static float at(FloatBuffer d, boolean channelsFirst, int rows, int width, int row, int col) {
        return channelsFirst ? d.get(col * rows + row) : d.get(row * width + col);
    }

    private void corners(FloatBuffer d, boolean channelsFirst, int rows, int width, int r) {
        float cx = at(d, channelsFirst, rows, width, r, 0);
        float cy = at(d, channelsFirst, rows, width, r, 1);
        float w = at(d, channelsFirst, rows, width, r, 2);
        float h = at(d, channelsFirst, rows, width, r, 3);
        if (format == ModelFormat.YOLOX) {
            int[] cell = yoloxCell(r);
            cx = (cx + cell[0]) * cell[2];
            cy = (cy + cell[1]) * cell[2];
            w = (float) Math.exp(w) * cell[2];
            h = (float) Math.exp(h) * cell[2];
        }
        box[0] = cx - w / 2;
        box[1] = cy - h / 2;
        box[2] = cx + w / 2;
        box[3] = cy + h / 2;
    }

    /** Grid x, grid y and stride of YOLOX row {@code r}. */
    private int[] yoloxCell(int r) {
        int rest = r;
        for (int s : YOLOX_STRIDES) {
            int gw = inputWidth / s;
            int cells = gw * (inputHeight / s);
            if (rest < cells) {
                return new int[] {rest % gw, rest / gw, s};
            }
            rest -= cells;
        }
        throw new IllegalArgumentException("YOLOX row " + r + " beyond the stride 8/16/32 grids of "
                + inputWidth + "x" + inputHeight);
    }
}
