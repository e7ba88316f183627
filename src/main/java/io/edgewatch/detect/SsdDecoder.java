package io.edgewatch.detect;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * Models with built-in post-processing (TF Object Detection API SSD exports, TFLite
 * {@code TFLite_Detection_PostProcess}): boxes [1,K,4] as ymin, xmin, ymax, xmax normalised to the input,
 * classes [1,K], scores [1,K] and a count [1]. The model already ran NMS; this keeps rows above the
 * threshold and runs NMS again only to cap the count. Class ids are mapped to label indices by
 * {@code classMap} (negative = drop, e.g. COCO-91 ids that have no COCO-80 class).
 */
public final class SsdDecoder implements OutputDecoder {
    private final List<String> labels;
    private final IntUnaryOperator classMap;
    private final float threshold;
    private final Nms nms;
    private final int inputWidth;
    private final int inputHeight;

    public SsdDecoder(List<String> labels, IntUnaryOperator classMap, double threshold, Nms nms, int inputWidth,
                      int inputHeight) {
        this.labels = List.copyOf(labels);
        this.classMap = classMap;
        this.threshold = (float) threshold;
        this.nms = nms;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
    }

    /** Indices of boxes, classes, scores and count among {@code outputs}, or null if the layout is not SSD. */
    static int[] roles(List<TensorView> outputs) {
        if (outputs.size() != 4) {
            return null;
        }
        int boxes = -1;
        int count = -1;
        List<Integer> vectors = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            TensorView t = outputs.get(i);
            if (t.rank() == 3 && t.dim(2) == 4) {
                boxes = i;
            } else if (t.size() == 1) {
                count = i;
            } else if (t.rank() == 2) {
                vectors.add(i);
            }
        }
        if (boxes < 0 || count < 0 || vectors.size() != 2) {
            return null;
        }
        int classes = vectors.get(0);
        int scores = vectors.get(1);
        String n0 = outputs.get(classes).name().toLowerCase(Locale.ROOT);
        String n1 = outputs.get(scores).name().toLowerCase(Locale.ROOT);
        if (n0.contains("score") || n1.contains("class")) { // named: trust names over order
            int swap = classes;
            classes = scores;
            scores = swap;
        }
        return new int[] {boxes, classes, scores, count};
    }

    @Override
    public List<Detection> decode(List<TensorView> outputs, FrameMapping mapping) {
        int[] r = roles(outputs);
        if (r == null) {
            throw new IllegalArgumentException("ssd expects boxes [1,K,4], classes [1,K], scores [1,K], count [1]; got "
                    + outputs);
        }
        FloatBuffer boxes = outputs.get(r[0]).data();
        FloatBuffer classes = outputs.get(r[1]).data();
        FloatBuffer scores = outputs.get(r[2]).data();
        int k = Math.min(outputs.get(r[1]).size(), outputs.get(r[0]).dim(1));
        int n = Math.max(0, Math.min(k, Math.round(outputs.get(r[3]).data().get(0))));
        List<Detection> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float s = scores.get(i);
            int label = classMap.applyAsInt(Math.round(classes.get(i)));
            if (!(s >= threshold) || label < 0 || label >= labels.size()) {
                continue;
            }
            OutputDecoder.add(candidates, label, labels.get(label), s, boxes.get(4 * i + 1) * inputWidth,
                    boxes.get(4 * i) * inputHeight, boxes.get(4 * i + 3) * inputWidth,
                    boxes.get(4 * i + 2) * inputHeight, mapping);
        }
        return nms.apply(candidates);
    }
}
