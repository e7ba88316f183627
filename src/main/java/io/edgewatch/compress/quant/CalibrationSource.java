package io.edgewatch.compress.quant;

import java.util.Iterator;
import java.util.List;

/**
 * Calibration inputs for a model with one float input: each element is a full input tensor (e.g. NCHW
 * [1,3,416,416] flattened). {@link #size()} is the number of inputs the iterator will yield, for progress.
 */
public interface CalibrationSource extends Iterable<float[]> {

    int size();

    static CalibrationSource of(List<float[]> inputs) {
        List<float[]> copy = List.copyOf(inputs);
        return new CalibrationSource() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Iterator<float[]> iterator() {
                return copy.iterator();
            }
        };
    }
}
