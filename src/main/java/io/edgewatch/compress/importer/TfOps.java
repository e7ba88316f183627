package io.edgewatch.compress.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Per-op translation of non-constant TF nodes into ONNX opset-13 nodes. */
final class TfOps {

    private final TfjsConverter c;

    TfOps(TfjsConverter c) {
        this.c = c;
    }

    void convert(TfjsModel.Node n, List<String> in) {
        String name = n.name();
        JsonNode a = n.attrs();
        switch (n.op()) {
            case "Identity" -> c.emit("Identity", name, List.of(c.value(in.get(0))), name);
            case "Transpose" -> c.emit("Transpose", name, List.of(c.value(in.get(0))), name,
                    "perm", c.constant(in.get(1), "Transpose perm").asLongs());
            case "Add", "AddV2", "BiasAdd" -> binary("Add", n, in);
            case "Sub", "Mul" -> binary(n.op(), n, in);
            case "RealDiv" -> binary("Div", n, in);
            case "Relu", "Sigmoid", "Tanh" -> c.emit(n.op(), name, List.of(c.value(in.get(0))), name);
            case "LeakyRelu" -> c.emit("LeakyRelu", name, List.of(c.value(in.get(0))), name,
                    "alpha", TfAttrs.floatValue(a, "alpha", 0.2f));
            case "Relu6" -> c.emit("Clip", name, List.of(c.value(in.get(0)),
                    c.graph().addInitializer(name + "/min", Tensor.floatScalar(0f)),
                    c.graph().addInitializer(name + "/max", Tensor.floatScalar(6f))), name);
            case "Pad", "PadV2" -> pad(n, in);
            case "Conv2D", "DepthwiseConv2dNative" -> conv(n, in);
            case "MaxPool", "AvgPool" -> pool(n, in);
            case "ConcatV2" -> concat(n, in);
            case "ResizeBilinear", "ResizeNearestNeighbor" -> resize(n, in);
            case "SplitV" -> split(n, c.value(in.get(0)), in.get(1), in.get(2));
            case "Reshape" -> reshape(n, in);
            default -> throw new IllegalArgumentException("unsupported TF op " + n.op() + " at node " + name);
        }
    }

    private void binary(String op, TfjsModel.Node n, List<String> in) {
        if (n.op().equals("BiasAdd") && "NCHW".equals(TfAttrs.string(n.attrs(), "data_format", "NHWC"))) {
            throw new IllegalArgumentException("BiasAdd NCHW not supported at " + n.name());
        }
        c.emit(op, n.name(), List.of(c.value(in.get(0)), c.value(in.get(1))), n.name());
    }

    private void pad(TfjsModel.Node n, List<String> in) {
        long[] p = c.constant(in.get(1), "paddings").asLongs(); // [rank, 2]: begin, end per axis
        int rank = p.length / 2;
        long[] pads = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            pads[i] = p[2 * i];
            pads[rank + i] = p[2 * i + 1];
        }
        float value = in.size() > 2 ? (float) c.constant(in.get(2), "pad value").get(0) : 0f;
        OnnxGraph g = c.graph();
        c.emit("Pad", n.name(), List.of(c.value(in.get(0)), g.addInitializer(n.name() + "/pads", Tensor.longVector(pads)),
                g.addInitializer(n.name() + "/value", Tensor.floatScalar(value))), n.name(), "mode", "constant");
    }

    private void conv(TfjsModel.Node n, List<String> in) {
        JsonNode a = n.attrs();
        boolean nhwc = !"NCHW".equals(TfAttrs.string(a, "data_format", "NHWC"));
        String x = c.value(in.get(0));
        String xin = nhwc ? c.toNchw(x, n.name()) : x;
        int[] xs = c.shapeOf(xin);
        Tensor f = c.constant(in.get(1), "conv filter");
        boolean depthwise = n.op().equals("DepthwiseConv2dNative");
        Tensor w = depthwise ? ConvWeights.depthwiseToOihw(f) : ConvWeights.hwioToOihw(f);
        int perGroup = f.shape()[2];
        long group = depthwise ? xs[1] : xs[1] / perGroup;
        if (!depthwise && xs[1] % perGroup != 0) {
            throw new IllegalArgumentException("input channels " + xs[1] + " not a multiple of filter depth at " + n.name());
        }
        int[] s = hw(TfAttrs.ints(a, "strides", new int[] {1, 1, 1, 1}), nhwc);
        int[] d = hw(TfAttrs.ints(a, "dilations", new int[] {1, 1, 1, 1}), nhwc);
        long[] pads = ConvWeights.pads(TfAttrs.string(a, "padding", "VALID"), explicit(a, nhwc),
                new int[] {xs[2], xs[3]}, new int[] {f.shape()[0], f.shape()[1]}, s, d);
        String wName = c.graph().addInitializer(n.name() + "/W", w);
        String out = nhwc ? c.graph().fresh(n.name() + "/nchw") : n.name();
        c.emit("Conv", n.name(), List.of(xin, wName), out, "group", group, "strides", longs(s),
                "dilations", longs(d), "pads", pads, "kernel_shape", new long[] {f.shape()[0], f.shape()[1]});
        if (nhwc) {
            c.toNhwc(out, n.name());
        }
    }

    private void pool(TfjsModel.Node n, List<String> in) {
        JsonNode a = n.attrs();
        boolean nhwc = !"NCHW".equals(TfAttrs.string(a, "data_format", "NHWC"));
        String xin = nhwc ? c.toNchw(c.value(in.get(0)), n.name()) : c.value(in.get(0));
        int[] xs = c.shapeOf(xin);
        int[] k = hw(TfAttrs.ints(a, "ksize", null), nhwc);
        int[] s = hw(TfAttrs.ints(a, "strides", null), nhwc);
        long[] pads = ConvWeights.pads(TfAttrs.string(a, "padding", "VALID"), explicit(a, nhwc),
                new int[] {xs[2], xs[3]}, k, s, new int[] {1, 1});
        String op = n.op().equals("MaxPool") ? "MaxPool" : "AveragePool";
        String out = nhwc ? c.graph().fresh(n.name() + "/nchw") : n.name();
        c.emit(op, n.name(), List.of(xin), out, "kernel_shape", longs(k), "strides", longs(s), "pads", pads);
        if (nhwc) {
            c.toNhwc(out, n.name());
        }
    }

    private void concat(TfjsModel.Node n, List<String> in) {
        List<String> xs = new ArrayList<>();
        for (String s : in.subList(0, in.size() - 1)) {
            xs.add(c.value(s));
        }
        long axis = c.constant(in.get(in.size() - 1), "concat axis").asLongs()[0];
        c.emit("Concat", n.name(), xs, n.name(), "axis", axis);
    }

    private void resize(TfjsModel.Node n, List<String> in) {
        JsonNode a = n.attrs();
        boolean linear = n.op().equals("ResizeBilinear");
        boolean alignCorners = TfAttrs.bool(a, "align_corners", false);
        boolean halfPixel = TfAttrs.bool(a, "half_pixel_centers", false);
        String xin = c.toNchw(c.value(in.get(0)), n.name());
        int[] xs = c.shapeOf(xin);
        long[] hw = c.constant(in.get(1), "resize size").asLongs();
        String mode = alignCorners ? "align_corners" : halfPixel ? (linear ? "half_pixel" : "tf_half_pixel_for_nn") : "asymmetric";
        String sizes = c.graph().addInitializer(n.name() + "/sizes", Tensor.longVector(xs[0], xs[1], hw[0], hw[1]));
        String out = c.graph().fresh(n.name() + "/nchw");
        c.emit("Resize", n.name(), List.of(xin, "", "", sizes), out, "mode", linear ? "linear" : "nearest",
                "coordinate_transformation_mode", mode,
                "nearest_mode", alignCorners ? "round_prefer_ceil" : "floor");
        c.toNhwc(out, n.name());
    }

    private void split(TfjsModel.Node n, String x, String sizesTf, String axisTf) {
        int[] xs = c.shapeOf(x);
        long axis = c.constant(axisTf, "split axis").asLongs()[0];
        int ax = (int) (axis < 0 ? axis + xs.length : axis);
        long[] sizes = c.constant(sizesTf, "split sizes").asLongs();
        long known = 0;
        for (long s : sizes) {
            known += s < 0 ? 0 : s;
        }
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = sizes[i] < 0 ? xs[ax] - known : sizes[i];
        }
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            outs.add(i == 0 ? n.name() : n.name() + ":" + i);
        }
        OnnxGraph.Node node = new OnnxGraph.Node("Split", n.name(),
                List.of(x, c.graph().addInitializer(n.name() + "/split", Tensor.longVector(sizes))), outs);
        node.attrs.put("axis", axis);
        c.graph().nodes.add(node);
        ShapeInference.infer(c.graph(), node);
        outs.forEach(o -> c.graph().reserve(o));
        for (String o : outs) {
            c.registerOutput(o);
        }
    }

    private void reshape(TfjsModel.Node n, List<String> in) {
        String x = c.value(in.get(0));
        int total = Tensor.size(c.shapeOf(x));
        long[] shape = c.constant(in.get(1), "reshape shape").asLongs();
        long known = 1;
        for (long s : shape) {
            known *= s < 0 ? 1 : s;
        }
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shape[i] < 0 ? total / known : shape[i];
        }
        String sh = c.graph().addInitializer(n.name() + "/shape", Tensor.longVector(shape));
        c.emit("Reshape", n.name(), List.of(x, sh), n.name());
    }

    /** H and W entries of a 4-element NHWC or NCHW attribute list. */
    private static int[] hw(int[] list, boolean nhwc) {
        return nhwc ? new int[] {list[1], list[2]} : new int[] {list[2], list[3]};
    }

    /** explicit_paddings reordered to NCHW pairs (empty unless padding is EXPLICIT). */
    private static int[] explicit(JsonNode a, boolean nhwc) {
        int[] e = TfAttrs.ints(a, "explicit_paddings", new int[0]);
        if (e.length != 8 || !nhwc) {
            return e;
        }
        return new int[] {e[0], e[1], e[6], e[7], e[2], e[3], e[4], e[5]};
    }

    private static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
