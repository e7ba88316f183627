package io.edgewatch.compress.importer;

import java.util.Arrays;

/**
 * Static output shapes for the ONNX ops the importer emits. The converter needs them to pick conv
 * groups, resolve -1 in Reshape / SplitV and give Resize its full target size.
 */
final class ShapeInference {

    private ShapeInference() {}

    static void infer(OnnxGraph g, OnnxGraph.Node n) {
        int[] x = n.inputs.isEmpty() ? null : g.shapes.get(n.inputs.get(0));
        if (x == null) {
            throw new IllegalStateException("unknown input shape for " + n);
        }
        switch (n.op) {
            case "Transpose": {
                long[] p = n.ints("perm");
                int[] out = new int[x.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = x[(int) p[i]];
                }
                set(g, n, 0, out);
                break;
            }
            case "Conv":
            case "MaxPool":
            case "AveragePool":
                set(g, n, 0, window(g, n, x));
                break;
            case "Pad": {
                long[] pads = g.initializers.get(n.inputs.get(1)).asLongs();
                int[] out = x.clone();
                for (int i = 0; i < out.length; i++) {
                    out[i] += (int) (pads[i] + pads[i + out.length]);
                }
                set(g, n, 0, out);
                break;
            }
            case "Add": case "Sub": case "Mul": case "Div":
                set(g, n, 0, broadcast(x, g.shapes.get(n.inputs.get(1))));
                break;
            case "Concat": {
                int axis = axis(n, x.length);
                int[] out = x.clone();
                out[axis] = 0;
                for (String in : n.inputs) {
                    out[axis] += g.shapes.get(in)[axis];
                }
                set(g, n, 0, out);
                break;
            }
            case "Split": {
                int axis = axis(n, x.length);
                long[] split = g.initializers.get(n.inputs.get(1)).asLongs();
                for (int i = 0; i < split.length; i++) {
                    int[] out = x.clone();
                    out[axis] = (int) split[i];
                    set(g, n, i, out);
                }
                break;
            }
            case "Resize":
                set(g, n, 0, g.initializers.get(n.inputs.get(3)).asInts());
                break;
            case "Reshape":
                set(g, n, 0, g.initializers.get(n.inputs.get(1)).asInts());
                break;
            default: // element-wise unary ops: LeakyRelu, Relu, Sigmoid, Clip, Identity, ...
                set(g, n, 0, x.clone());
        }
    }

    private static int[] window(OnnxGraph g, OnnxGraph.Node n, int[] x) {
        int rank = x.length - 2;
        long[] k = n.op.equals("Conv") ? null : n.ints("kernel_shape");
        int[] w = n.op.equals("Conv") ? g.shapes.get(n.inputs.get(1)) : null;
        long[] strides = n.attrs.containsKey("strides") ? n.ints("strides") : ones(rank);
        long[] dil = n.attrs.containsKey("dilations") ? n.ints("dilations") : ones(rank);
        long[] pads = n.attrs.containsKey("pads") ? n.ints("pads") : new long[2 * rank];
        int[] out = x.clone();
        if (w != null) {
            out[1] = w[0];
        }
        for (int i = 0; i < rank; i++) {
            long kk = w != null ? w[2 + i] : k[i];
            long eff = (kk - 1) * dil[i] + 1;
            out[2 + i] = (int) Math.floorDiv(x[2 + i] + pads[i] + pads[i + rank] - eff, strides[i]) + 1;
        }
        return out;
    }

    static int[] broadcast(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(a) + " with " + Arrays.toString(b));
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private static int axis(OnnxGraph.Node n, int rank) {
        long a = (Long) n.attrs.getOrDefault("axis", 0L);
        return (int) (a < 0 ? a + rank : a);
    }

    private static long[] ones(int n) {
        long[] o = new long[n];
        Arrays.fill(o, 1);
        return o;
    }

    private static void set(OnnxGraph g, OnnxGraph.Node n, int idx, int[] shape) {
        g.shapes.put(n.outputs.get(idx), shape);
    }
}
