package io.edgewatch.detect;

/**
 * One detected object. Box corners are normalised to the frame: 0..1 with (0,0) top-left.
 */
public record Detection(int classId, String label, float score, float x1, float y1, float x2, float y2) {
    public Detection {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0,1]: " + score);
        }
    }

    public float width() { return x2 - x1; }
    public float height() { return y2 - y1; }
    public float area() { return Math.max(0f, width()) * Math.max(0f, height()); }
}
