package io.edgewatch.compress.prune;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Structured pruning: removes whole output channels (filters) of a Conv, those with the smallest L1 norm, and
 * the matching input channels of everything that reads them. The removed channels are traced forward through
 * channel-wise ops (activations, pooling), depthwise convs (pruned alongside) and Concat on the channel axis
 * (offsets shifted) to the group-1 Convs that consume them. A layer whose channels reach anything else — a
 * residual Add, Resize, Split, Reshape, a graph output — is skipped and the reason recorded: slicing there
 * would need the other operand pruned identically. Layers are pruned one at a time, each on the updated graph.
 * No fine-tuning: the removed filters' contribution is simply gone.
 */
public final class ChannelPruner {
    private static final Set<String> CHANNELWISE = Set.of("Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid",
            "HardSwish", "Tanh", "MaxPool", "AveragePool", "Identity", "Dropout");

    private final double ratio;
    private final boolean skipHeadTail;
    private final Set<String> exclude;

    /** @param ratio fraction of each eligible conv's filters to remove, [0,1) */
    public ChannelPruner(double ratio, boolean skipHeadTail, Set<String> exclude) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("ratio must be in [0,1): " + ratio);
        }
        this.ratio = ratio;
        this.skipHeadTail = skipHeadTail;
        this.exclude = Set.copyOf(exclude);
    }

    /** What happened to one conv: channels removed, or why it was skipped. */
    public record Layer(String node, int channels, int removed, List<String> consumers, String skipped) {}

    public record Result(ModelProto model, List<Layer> layers) {
        public List<Layer> pruned() { return layers.stream().filter(l -> l.removed() > 0).toList(); }

        public List<Layer> skipped() { return layers.stream().filter(l -> !l.skipped().isEmpty()).toList(); }
    }

    public Result prune(ModelProto model) {
        Graph g0 = new Graph(model.getGraph());
        Set<String> tail = skipHeadTail ? g0.headTail() : Set.of();
        List<Layer> layers = new ArrayList<>();
        ModelProto current = model;
        for (NodeProto n : g0.weightedNodes()) {
            if (!n.getOpType().equals("Conv") || g0.isDepthwise(n) || Graph.attrInt(n, "group", 1) != 1) {
                continue;
            }
            if (tail.contains(n.getName()) || exclude.contains(n.getName())) {
                layers.add(new Layer(n.getName(), 0, 0, List.of(), "head tail or excluded"));
                continue;
            }
            Graph g = new Graph(current.getGraph());
            NodeProto node = g.nodes().stream().filter(x -> x.getName().equals(n.getName())).findFirst().orElseThrow();
            int cout = (int) g.initializer(node.getInput(1)).getDims(0);
            int k = (int) Math.floor(ratio * cout);
            if (k == 0) {
                layers.add(new Layer(n.getName(), cout, 0, List.of(), "nothing to remove at this ratio"));
                continue;
            }
            int[] remove = smallestFilters(Tensors.floats(g.initializer(node.getInput(1))), cout, k);
            Surgery s = new Surgery(g);
            String why = s.plan(node, remove);
            if (why != null) {
                layers.add(new Layer(n.getName(), cout, 0, List.of(), why));
                continue;
            }
            current = s.apply(current);
            layers.add(new Layer(n.getName(), cout, k, s.terminals, ""));
        }
        return new Result(current, List.copyOf(layers));
    }

    /** Indices of the k filters with the smallest L1 norm, ascending. */
    static int[] smallestFilters(float[] w, int cout, int k) {
        int per = w.length / cout;
        double[] l1 = new double[cout];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < per; i++) {
                l1[o] += Math.abs(w[o * per + i]);
            }
        }
        return IntStream.range(0, cout).boxed().sorted(Comparator.comparingDouble(o -> l1[o])).limit(k)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Slices of initializers along an axis and group changes that together remove one conv's channels. */
    private static final class Surgery {
        private final Graph g;
        private final Map<String, TreeSet<Integer>> sliceOut = new LinkedHashMap<>(); // weight/bias axis 0
        private final Map<String, TreeSet<Integer>> sliceIn = new LinkedHashMap<>(); // weight axis 1
        private final Map<String, Integer> groups = new LinkedHashMap<>();
        private final List<String> terminals = new ArrayList<>();

        Surgery(Graph g) {
            this.g = g;
        }

        /** Plans the surgery; returns null when possible, else why not. */
        String plan(NodeProto conv, int[] remove) {
            removeOutputs(conv, remove);
            return trace(conv.getOutput(0), remove);
        }

        private void removeOutputs(NodeProto conv, int[] remove) {
            TreeSet<Integer> set = new TreeSet<>();
            Arrays.stream(remove).forEach(set::add);
            sliceOut.put(conv.getInput(1), set);
            if (conv.getInputCount() > 2 && !conv.getInput(2).isEmpty()) {
                sliceOut.put(conv.getInput(2), set);
            }
        }

        private String trace(String tensor, int[] channels) {
            if (g.isGraphOutput(tensor)) {
                return "channels reach graph output " + tensor;
            }
            for (NodeProto c : g.consumers(tensor)) {
                String why = follow(c, tensor, channels);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }

        private String follow(NodeProto c, String tensor, int[] channels) {
            String op = c.getOpType();
            if (CHANNELWISE.contains(op) && c.getInput(0).equals(tensor)) {
                return trace(c.getOutput(0), channels);
            }
            if (op.equals("Conv") && c.getInput(0).equals(tensor) && g.initializer(c.getInput(1)) != null) {
                if (g.isDepthwise(c) && Graph.attrInt(c, "group", 1) == g.initializer(c.getInput(1)).getDims(0)) {
                    removeOutputs(c, channels);
                    groups.put(c.getName(), (int) (g.initializer(c.getInput(1)).getDims(0) - channels.length));
                    return trace(c.getOutput(0), channels);
                }
                if (Graph.attrInt(c, "group", 1) != 1) {
                    return "channels reach grouped conv " + c.getName();
                }
                TreeSet<Integer> set = sliceIn.computeIfAbsent(c.getInput(1), k -> new TreeSet<>());
                Arrays.stream(channels).forEach(set::add);
                terminals.add(c.getName());
                return null;
            }
            if (op.equals("Concat") && Graph.attrInt(c, "axis", 0) == 1) {
                int offset = 0;
                for (String in : c.getInputList()) {
                    if (in.equals(tensor)) {
                        break;
                    }
                    int ch = channels(in);
                    if (ch < 0) {
                        return "cannot tell the channels of concat input " + in;
                    }
                    offset += ch;
                }
                final int off = offset;
                return trace(c.getOutput(0), Arrays.stream(channels).map(i -> i + off).toArray());
            }
            return "channels reach " + op + " " + c.getName() + (op.equals("Add") ? " (residual add)" : "");
        }

        /** Channel count of a tensor from the convs that produce it (through channel-wise ops and concats). */
        private int channels(String tensor) {
            NodeProto p = g.producer(tensor);
            if (p == null) {
                return -1;
            }
            if (p.getOpType().equals("Conv") && g.initializer(p.getInput(1)) != null) {
                return (int) g.initializer(p.getInput(1)).getDims(0);
            }
            if (CHANNELWISE.contains(p.getOpType())) {
                return channels(p.getInput(0));
            }
            if (p.getOpType().equals("Concat") && Graph.attrInt(p, "axis", 0) == 1) {
                int sum = 0;
                for (String in : p.getInputList()) {
                    int c = channels(in);
                    if (c < 0) {
                        return -1;
                    }
                    sum += c;
                }
                return sum;
            }
            return -1;
        }

        ModelProto apply(ModelProto model) {
            Map<String, TensorProto> replaced = new LinkedHashMap<>();
            for (var e : sliceOut.entrySet()) {
                replaced.put(e.getKey(), slice(g.initializer(e.getKey()), 0, e.getValue()));
            }
            for (var e : sliceIn.entrySet()) {
                TensorProto base = replaced.getOrDefault(e.getKey(), g.initializer(e.getKey()));
                replaced.put(e.getKey(), slice(base, 1, e.getValue()));
            }
            ModelProto out = Tensors.replace(model, replaced);
            GraphProto.Builder b = out.getGraph().toBuilder();
            for (int i = 0; i < b.getNodeCount(); i++) {
                Integer group = groups.get(b.getNode(i).getName());
                if (group != null) {
                    b.setNode(i, Graph.withAttr(b.getNode(i), "group", group));
                }
            }
            return out.toBuilder().setGraph(b).build();
        }
    }

    /** Removes the given indices along axis 0 or 1 of a float tensor. */
    static TensorProto slice(TensorProto t, int axis, Set<Integer> remove) {
        float[] w = Tensors.floats(t);
        List<Long> dims = new ArrayList<>(t.getDimsList());
        long outer = axis == 0 ? 1 : dims.get(0);
        long n = dims.get(axis);
        long inner = w.length / (outer * n);
        float[] out = new float[(int) (outer * (n - remove.size()) * inner)];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            for (int c = 0; c < n; c++) {
                if (!remove.contains(c)) {
                    System.arraycopy(w, (int) ((o * n + c) * inner), out, pos, (int) inner);
                    pos += (int) inner;
                }
            }
        }
        dims.set(axis, n - remove.size());
        return Tensors.floatTensor(t.getName(), out, dims);
    }
}
