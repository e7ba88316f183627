package io.edgewatch.compress.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a TF.js graph op by op into an {@link OnnxGraph}, keeping TF's layouts: NHWC ops are
 * wrapped in Transpose pairs, which {@link GraphPasses} later cancels against the graph's own
 * transposes. Constant subgraphs are evaluated here instead of being emitted.
 */
final class TfjsConverter {

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};
    private static final java.util.regex.Pattern SUFFIX = java.util.regex.Pattern.compile("_(\\d+)$");

    private final TfjsModel model;
    private final OnnxGraph g = new OnnxGraph();
    private final Map<String, TfjsModel.Node> byName = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Tensor> consts = new HashMap<>();
    private final Map<String, String> materialised = new HashMap<>();
    private final Set<String> outputNames = new HashSet<>();
    private final TfOps ops;

    private TfjsConverter(TfjsModel model) {
        this.model = model;
        this.ops = new TfOps(this);
        model.nodes().forEach(n -> byName.put(n.name(), n));
        model.nodes().stream().filter(n -> !n.op().equals("Const")).forEach(n -> g.reserve(n.name()));
        model.outputs().forEach(p -> outputNames.add(p.name()));
    }

    /** Converts the model; graph outputs are ordered by name (Identity, Identity_1, ...). */
    static OnnxGraph convert(TfjsModel model) {
        return new TfjsConverter(model).run();
    }

    private OnnxGraph run() {
        List<TfjsModel.Port> outs = new ArrayList<>(model.outputs());
        outs.sort(TfjsConverter::compareNatural);
        List<TfjsModel.Node> order = topoOrder(outs);
        for (TfjsModel.Node n : order) {
            convertNode(n);
        }
        for (TfjsModel.Port p : outs) {
            String v = value(p.name());
            if (!v.equals(p.name())) { // output came from a folded constant or an alias
                v = emit("Identity", p.name(), List.of(v), p.name());
            }
            g.outputs.add(v);
            g.shapes.put(v, p.shape());
        }
        g.removeDead();
        return g;
    }

    private void convertNode(TfjsModel.Node n) {
        List<String> data = dataInputs(n);
        switch (n.op()) {
            case "Const":
                Tensor w = model.weights().get(n.name());
                if (w == null) {
                    throw new IllegalArgumentException("no weight data for Const " + n.name());
                }
                consts.put(n.name(), w);
                return;
            case "Placeholder":
                int[] shape = TfAttrs.shape(n.attrs().path("shape").path("shape"));
                g.inputs.add(n.name());
                g.shapes.put(n.name(), shape);
                names.put(n.name(), n.name());
                return;
            case "Identity":
                if (!outputNames.contains(n.name())) {
                    alias(n.name(), data.get(0));
                    return;
                }
                break;
            default:
                break;
        }
        if (!data.isEmpty() && data.stream().allMatch(consts::containsKey)) {
            boolean toFloat = "DT_FLOAT".equals(n.attrs().path("DstT").path("type").asText());
            Tensor folded = ConstFolder.fold(n.op(), data.stream().map(consts::get).toList(), toFloat);
            if (folded != null) {
                consts.put(n.name(), folded);
                return;
            }
        }
        ops.convert(n, data);
    }

    // ---- helpers used by TfOps -------------------------------------------------------------

    OnnxGraph graph() {
        return g;
    }

    /** The ONNX tensor holding TF tensor {@code tf}; constants become initializers on first use. */
    String value(String tf) {
        Tensor c = consts.get(tf);
        if (c != null) {
            return materialised.computeIfAbsent(tf, k -> g.addInitializer(k, c));
        }
        String v = names.get(tf);
        if (v == null) {
            throw new IllegalStateException("tensor " + tf + " used before it was produced");
        }
        return v;
    }

    Tensor constant(String tf, String what) {
        Tensor c = consts.get(tf);
        if (c == null) {
            throw new IllegalArgumentException(what + " must be a constant: " + tf);
        }
        return c;
    }

    int[] shapeOf(String onnxName) {
        return g.shapes.get(onnxName);
    }

    void registerOutput(String onnxName) {
        names.put(onnxName, onnxName);
    }

    void alias(String tf, String tfSource) {
        if (consts.containsKey(tfSource)) {
            consts.put(tf, consts.get(tfSource));
        } else {
            names.put(tf, value(tfSource));
        }
    }

    /** Adds a node writing TF tensor {@code tfOut} (its ONNX name is the TF name). */
    String emit(String op, String name, List<String> inputs, String tfOut, Object... attrs) {
        OnnxGraph.Node node = new OnnxGraph.Node(op, name, inputs, List.of(tfOut));
        for (int i = 0; i < attrs.length; i += 2) {
            node.attrs.put((String) attrs[i], attrs[i + 1]);
        }
        g.nodes.add(node);
        ShapeInference.infer(g, node);
        names.put(tfOut, tfOut);
        return tfOut;
    }

    /** Adds a helper node whose output gets a fresh name. */
    String emitFresh(String op, String hint, List<String> inputs, Object... attrs) {
        return emit(op, hint, inputs, g.fresh(hint), attrs);
    }

    String toNchw(String x, String hint) {
        return emitFresh("Transpose", hint + "/to_nchw", List.of(x), "perm", TO_NCHW.clone());
    }

    String toNhwc(String x, String tfOut) {
        return emit("Transpose", tfOut, List.of(x), tfOut, "perm", TO_NHWC.clone());
    }

    // ---- graph order -----------------------------------------------------------------------

    private List<String> dataInputs(TfjsModel.Node n) {
        return n.inputs().stream().filter(s -> !s.startsWith("^")).map(TfjsModel::stripIndex).toList();
    }

    private List<TfjsModel.Node> topoOrder(List<TfjsModel.Port> outs) {
        List<TfjsModel.Node> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (TfjsModel.Port p : outs) {
            visit(p.name().split(":")[0], order, done, new HashSet<>());
        }
        return order;
    }

    private void visit(String name, List<TfjsModel.Node> order, Set<String> done, Set<String> onPath) {
        if (done.contains(name)) {
            return;
        }
        if (!onPath.add(name)) {
            throw new IllegalArgumentException("graph has a cycle at " + name);
        }
        TfjsModel.Node n = byName.get(name);
        if (n == null) {
            throw new IllegalArgumentException("graph references missing node " + name);
        }
        for (String in : n.inputs()) {
            visit(in.replaceFirst("^\\^", "").split(":")[0], order, done, onPath);
        }
        onPath.remove(name);
        done.add(name);
        order.add(n);
    }

    /** Orders "Identity" < "Identity_1" < "Identity_2" < ... < "Identity_10" (numeric suffixes). */
    static int compareNatural(TfjsModel.Port a, TfjsModel.Port b) {
        int c = base(a.name()).compareTo(base(b.name()));
        return c != 0 ? c : Long.compare(suffix(a.name()), suffix(b.name()));
    }

    private static String base(String s) {
        return SUFFIX.matcher(s).replaceFirst("");
    }

    private static long suffix(String s) {
        java.util.regex.Matcher m = SUFFIX.matcher(s);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
