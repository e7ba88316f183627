package io.edgewatch.compress.importer;

import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Evaluates TF ops whose inputs are all constants at import time (ONNX→TF converters leave shape
 * arithmetic such as {@code AddV2(shape, SparseToDense(empty))} in the graph). Returns null for ops
 * it cannot evaluate, so the caller falls back to emitting a node.
 */
final class ConstFolder {

    private ConstFolder() {}

    static Tensor fold(String op, List<Tensor> in, boolean toFloat) {
        switch (op) {
            case "Identity":
            case "StopGradient":
                return in.get(0);
            case "Cast":
                return cast(in.get(0), toFloat);
            case "Add":
            case "AddV2":
                return elementwise(in.get(0), in.get(1), Double::sum);
            case "Sub":
                return elementwise(in.get(0), in.get(1), (a, b) -> a - b);
            case "Mul":
                return elementwise(in.get(0), in.get(1), (a, b) -> a * b);
            case "SparseToDense":
                return sparseToDense(in.get(0), in.get(1), in.get(2), in.get(3));
            default:
                return null;
        }
    }

    private static Tensor cast(Tensor t, boolean toFloat) {
        if (toFloat == t.isFloat()) {
            return t;
        }
        if (toFloat) {
            float[] f = new float[t.count()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) t.get(i);
            }
            return Tensor.ofFloats(t.shape(), f);
        }
        return Tensor.ofLongs(t.shape(), t.asLongs());
    }

    /** Element-wise op with NumPy broadcasting; the result is float if either input is. */
    static Tensor elementwise(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] shape = ShapeInference.broadcast(a.shape(), b.shape());
        int n = Tensor.size(shape);
        boolean isFloat = a.isFloat() || b.isFloat();
        float[] fo = isFloat ? new float[n] : null;
        long[] lo = isFloat ? null : new long[n];
        for (int i = 0; i < n; i++) {
            double v = f.applyAsDouble(a.get(source(i, shape, a.shape())), b.get(source(i, shape, b.shape())));
            if (isFloat) {
                fo[i] = (float) v;
            } else {
                lo[i] = (long) v;
            }
        }
        return new Tensor(shape, fo, lo);
    }

    /** Flat index into a broadcast operand of shape {@code in} for flat output index {@code i}. */
    private static int source(int i, int[] out, int[] in) {
        int idx = 0;
        int stride = 1;
        for (int d = out.length - 1, e = in.length - 1; e >= 0; d--, e--) {
            int coord = i % out[d];
            i /= out[d];
            idx += (in[e] == 1 ? 0 : coord) * stride;
            stride *= in[e];
        }
        return idx;
    }

    private static Tensor sparseToDense(Tensor indices, Tensor outShape, Tensor values, Tensor dflt) {
        int[] shape = outShape.asInts();
        int n = Tensor.size(shape);
        boolean isFloat = values.isFloat() || dflt.isFloat();
        float[] fo = isFloat ? new float[n] : null;
        long[] lo = isFloat ? null : new long[n];
        for (int i = 0; i < n; i++) {
            if (isFloat) {
                fo[i] = (float) dflt.get(0);
            } else {
                lo[i] = (long) dflt.get(0);
            }
        }
        int rank = shape.length;
        int count = indices.shape().length == 0 ? 1 : indices.shape()[0];
        long[] idx = indices.asLongs();
        for (int k = 0; k < count; k++) {
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                flat = flat * shape[d] + (int) idx[k * rank + d];
            }
            double v = values.get(values.count() == 1 ? 0 : k);
            if (isFloat) {
                fo[flat] = (float) v;
            } else {
                lo[flat] = (long) v;
            }
        }
        return new Tensor(shape, fo, lo);
    }
}
