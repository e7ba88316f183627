package io.edgewatch.detect;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One float output of an inference: its name, its shape (batch included) and a buffer the runtime writes
 * into. The buffer is reused every inference; read it with absolute gets from index 0.
 */
public record TensorView(String name, int[] shape, FloatBuffer data) {
    public TensorView {
        shape = shape.clone();
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public int rank() { return shape.length; }

    public int dim(int i) { return shape[i]; }

    @Override
    public int[] shape() { return shape.clone(); }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
