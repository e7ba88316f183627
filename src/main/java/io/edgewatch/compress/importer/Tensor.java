package io.edgewatch.compress.importer;

import java.util.Arrays;

/**
 * A constant tensor held in memory during import: float data or integer data (ints are widened to
 * long so that int32 and int64 TF constants share one path). Row-major, shape may be empty (scalar).
 */
public record Tensor(int[] shape, float[] floats, long[] longs) {

    public Tensor {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("exactly one of floats/longs must be set");
        }
        int n = size(shape);
        int len = floats != null ? floats.length : longs.length;
        if (len != n) {
            throw new IllegalArgumentException("data length " + len + " does not match shape " + Arrays.toString(shape));
        }
    }

    public static Tensor ofFloats(int[] shape, float[] data) {
        return new Tensor(shape, data, null);
    }

    public static Tensor ofLongs(int[] shape, long[] data) {
        return new Tensor(shape, null, data);
    }

    public static Tensor longVector(long... data) {
        return ofLongs(new int[] {data.length}, data);
    }

    public static Tensor floatScalar(float v) {
        return ofFloats(new int[0], new float[] {v});
    }

    public boolean isFloat() {
        return floats != null;
    }

    public int count() {
        return size(shape);
    }

    /** Element i as double, whatever the storage type. */
    public double get(int i) {
        return floats != null ? floats[i] : longs[i];
    }

    /** The data as a long array (exact for integer tensors, truncated for float ones). */
    public long[] asLongs() {
        if (longs != null) {
            return longs.clone();
        }
        long[] out = new long[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) floats[i];
        }
        return out;
    }

    public int[] asInts() {
        long[] l = asLongs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    public static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return (isFloat() ? "float" : "int") + Arrays.toString(shape);
    }
}
