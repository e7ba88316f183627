package io.edgewatch.compress.lowrank;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces a weighted layer W (rows × cols) by two thin layers L (rows × r) · R (r × cols) from its truncated SVD:
 * a 1×1 (or, with {@code spatial}, k×k) conv becomes conv(k×k, r channels, no bias) → conv(1×1, bias);
 * MatMul/Gemm with a constant 2-D weight become two MatMul/Gemm. Parameters go from rows·cols to r·(rows+cols).
 */
public final class LowRankFactorizer {
    // Not thread-safe: caches each candidate's SVD between planning and rewriting.
    private final LowRankOptions options;
    private final java.util.Map<String, Svd> svds = new java.util.HashMap<>();

    public LowRankFactorizer(LowRankOptions options) {
        this.options = options;
    }

    /** One layer's outcome; {@code note} says why a layer was left alone. */
    public record Layer(String node, int rows, int cols, int rank, double energyKept, long paramsBefore,
                        long paramsAfter, boolean factorised, String note) {}

    public record Result(ModelProto model, List<Layer> layers) {
        public long paramsBefore() { return layers.stream().mapToLong(Layer::paramsBefore).sum(); }

        public long paramsAfter() {
            return layers.stream().mapToLong(l -> l.factorised() ? l.paramsAfter() : l.paramsBefore()).sum();
        }

        public String summary() {
            long n = layers.stream().filter(Layer::factorised).count();
            return String.format(Locale.ROOT, "%d of %d candidate layers factorised; their weights %d -> %d params",
                    n, layers.size(), paramsBefore(), paramsAfter());
        }
    }

    public Result factorise(ModelProto model) {
        Graph g = new Graph(model.getGraph());
        Set<String> tail = options.skipHeadTail() ? g.headTail() : Set.of();
        Set<NodeProto> weighted = new HashSet<>(g.weightedNodes());
        GraphProto.Builder out = model.getGraph().toBuilder().clearNode();
        List<TensorProto> added = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        List<Layer> layers = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            Layer l = weighted.contains(n) ? candidate(g, n, tail) : null;
            if (l == null || !l.factorised()) {
                if (l != null) {
                    layers.add(l);
                }
                out.addNode(n);
                continue;
            }
            TensorProto w = g.initializer(n.getInput(1));
            Svd svd = svds.remove(n.getName());
            layers.add(l);
            rewrite(n, w, svd, l.rank(), out, added);
            dropped.add(w.getName());
        }
        List<TensorProto> inits = new ArrayList<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            boolean stillUsed = !dropped.contains(t.getName());
            if (stillUsed) {
                inits.add(t);
            }
        }
        inits.addAll(added);
        out.clearInitializer().addAllInitializer(inits);
        return new Result(model.toBuilder().setGraph(out).build(), List.copyOf(layers));
    }

    /** The plan for a node, or null when it is no candidate at all. */
    private Layer candidate(Graph g, NodeProto n, Set<String> tail) {
        if (tail.contains(n.getName()) || options.exclude().contains(n.getName())) {
            return null;
        }
        TensorProto w = g.initializer(n.getInput(1));
        int rows;
        int cols;
        if (n.getOpType().equals("Conv")) {
            long k = w.getDims(2) * (w.getDimsCount() > 3 ? w.getDims(3) : 1);
            if (Graph.attrInt(n, "group", 1) != 1 || (k != 1 && !options.spatial())) {
                return null;
            }
            rows = (int) w.getDims(0);
            cols = (int) (w.getDims(1) * k);
        } else {
            if (w.getDimsCount() != 2 || (n.getOpType().equals("Gemm") && !plainGemm(n))) {
                return null;
            }
            rows = (int) w.getDims(0);
            cols = (int) w.getDims(1);
        }
        Svd svd = new Svd(Tensors.floats(w), rows, cols);
        svds.put(n.getName(), svd);
        int r = options.rank(svd.singular);
        double total = 0;
        double kept = 0;
        for (int i = 0; i < svd.singular.length; i++) {
            total += svd.singular[i] * svd.singular[i];
            kept += i < r ? svd.singular[i] * svd.singular[i] : 0;
        }
        long before = (long) rows * cols;
        long after = (long) r * (rows + cols);
        boolean worth = !options.onlyIfSmaller() || after < before;
        return new Layer(n.getName(), rows, cols, r, total == 0 ? 1 : kept / total, before, after, worth,
                worth ? "" : "rank " + r + " would not shrink it");
    }

    private static boolean plainGemm(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if ((a.getName().equals("transA") && a.getI() != 0) || (a.getName().equals("alpha") && a.getF() != 1f)) {
                return false;
            }
        }
        return true;
    }

    private static void rewrite(NodeProto n, TensorProto w, Svd svd, int r, GraphProto.Builder out,
                                List<TensorProto> added) {
        String mid = n.getOutput(0) + "_lowrank";
        String wa = w.getName() + "_lowrank_a";
        String wb = w.getName() + "_lowrank_b";
        NodeProto.Builder first = n.toBuilder().setName(n.getName() + "_lowrank_a").clearInput()
                .addInput(n.getInput(0)).addInput(wa).clearOutput().addOutput(mid);
        NodeProto.Builder second = n.toBuilder().setName(n.getName() + "_lowrank_b").clearInput().addInput(mid)
                .addInput(wb).clearOutput().addAllOutput(n.getOutputList());
        for (int i = 2; i < n.getInputCount(); i++) {
            second.addInput(n.getInput(i)); // bias / C stays on the second factor
        }
        if (n.getOpType().equals("Conv")) {
            List<Long> dims = w.getDimsList();
            List<Long> firstDims = new ArrayList<>(dims);
            firstDims.set(0, (long) r);
            added.add(Tensors.floatTensor(wa, svd.right(r), firstDims));
            added.add(Tensors.floatTensor(wb, svd.left(r), List.of(dims.get(0), (long) r, 1L, 1L)));
            second.clearAttribute().addAttribute(ints("kernel_shape", 1, 1)).addAttribute(ints("strides", 1, 1))
                    .addAttribute(ints("pads", 0, 0, 0, 0)).addAttribute(ints("dilations", 1, 1));
            if (n.getAttributeList().stream().anyMatch(a -> a.getName().equals("group"))) {
                second.addAttribute(AttributeProto.newBuilder().setName("group")
                        .setType(AttributeProto.AttributeType.INT).setI(1));
            }
        } else {
            boolean transB = Graph.attrInt(n, "transB", 0) == 1;
            long rows = w.getDims(0);
            long cols = w.getDims(1);
            // stored = L·R; with transB the layer uses stored^T = R^T·L^T, so R comes first
            TensorProto l = Tensors.floatTensor(transB ? wb : wa, svd.left(r), List.of(rows, (long) r));
            TensorProto rt = Tensors.floatTensor(transB ? wa : wb, svd.right(r), List.of((long) r, cols));
            added.add(l);
            added.add(rt);
        }
        out.addNode(first).addNode(second);
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }
}
