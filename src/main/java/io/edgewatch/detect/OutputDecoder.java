package io.edgewatch.detect;

import java.util.List;

/** Turns one inference's outputs into detections normalised to the frame. Not thread-safe. */
public interface OutputDecoder {
    /**
     * @param outputs the model's outputs in the order the backend reports them
     * @param mapping how the frame was fitted into the input (to un-map boxes)
     */
    List<Detection> decode(List<TensorView> outputs, FrameMapping mapping);

    /** Adds a box given in input pixels, mapped to the frame; skipped when empty after clipping. */
    static void add(List<Detection> out, int classId, String label, float score, float x1, float y1, float x2,
                    float y2, FrameMapping m) {
        float nx1 = m.x(x1);
        float ny1 = m.y(y1);
        float nx2 = m.x(x2);
        float ny2 = m.y(y2);
        if (nx2 > nx1 && ny2 > ny1) {
            out.add(new Detection(classId, label, Math.min(1f, Math.max(0f, score)), nx1, ny1, nx2, ny2));
        }
    }
}
