package io.edgewatch.compress.quant;

/** Progress callback, e.g. printing "calibrating 37/200 frames". */
@FunctionalInterface
public interface CalibrationProgress {

    void update(int done, int total);

    static CalibrationProgress none() {
        return (done, total) -> { };
    }
}
