package io.edgewatch.compress.importer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clean-up passes run after conversion. Each keeps the graph numerically equivalent: bias Adds move
 * into Conv.B, transpose chains compose (and vanish when they cancel), zero pads move into Conv
 * pads and -inf pads into MaxPool pads (ONNX pooling ignores padded cells, i.e. treats them as -inf),
 * Identity nodes disappear and every node gets a unique name.
 */
final class GraphPasses {

    private static final long[] NHWC_PERM = {0, 2, 3, 1};

    private GraphPasses() {}

    static void runAll(OnnxGraph g) {
        foldBiasIntoConv(g);
        composeTransposes(g);
        foldPads(g);
        collapseIdentities(g);
        g.removeDead();
        nameNodes(g);
    }

    /** Add(Conv(x) [→ Transpose to NHWC], bias) → Conv(x, W, B) [→ Transpose]. */
    static void foldBiasIntoConv(OnnxGraph g) {
        Map<String, OnnxGraph.Node> prod = g.producers();
        Map<String, List<OnnxGraph.Node>> cons = g.consumers();
        for (OnnxGraph.Node add : List.copyOf(g.nodes)) {
            if (!add.op.equals("Add")) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Tensor bias = g.initializers.get(add.inputs.get(1 - side));
                OnnxGraph.Node p = prod.get(add.inputs.get(side));
                if (bias == null || !bias.isFloat() || p == null || !singleUse(g, cons, p.outputs.get(0))) {
                    continue;
                }
                boolean viaTranspose = p.op.equals("Transpose") && Arrays.equals(p.ints("perm"), NHWC_PERM);
                OnnxGraph.Node conv = viaTranspose ? prod.get(p.inputs.get(0)) : p;
                if (conv == null || !conv.op.equals("Conv") || conv.outputs.size() != 1
                        || (viaTranspose && !singleUse(g, cons, conv.outputs.get(0)))) {
                    continue;
                }
                int channels = g.shapes.get(conv.inputs.get(1))[0];
                if (!isChannelVector(bias.shape(), channels, viaTranspose ? 3 : 1)) {
                    continue;
                }
                addBias(g, conv, bias.floats());
                p.outputs.set(0, add.outputs.get(0)); // p now writes what the Add wrote
                g.nodes.remove(add);
                break;
            }
        }
    }

    /** True if shape broadcasts a length-C vector onto axis {@code axis} of a rank-4 tensor. */
    private static boolean isChannelVector(int[] shape, int c, int axis) {
        if (Tensor.size(shape) != c || shape.length > 4 || shape.length < 4 - axis) {
            return false;
        }
        int channelPos = shape.length - (4 - axis); // index of the channel axis inside 'shape'
        return shape[channelPos] == c;
    }

    private static void addBias(OnnxGraph g, OnnxGraph.Node conv, float[] bias) {
        float[] b = bias.clone();
        if (conv.inputs.size() > 2) {
            float[] old = g.initializers.get(conv.inputs.get(2)).floats();
            for (int i = 0; i < b.length; i++) {
                b[i] += old[i];
            }
            conv.inputs.set(2, g.addInitializer(conv.name + "/B", Tensor.ofFloats(new int[] {b.length}, b)));
        } else {
            conv.inputs.add(g.addInitializer(conv.name + "/B", Tensor.ofFloats(new int[] {b.length}, b)));
        }
    }

    /** Transpose(Transpose(x, p1), p2) → Transpose(x, p1∘p2), removed when that is the identity. */
    static void composeTransposes(OnnxGraph g) {
        Map<String, OnnxGraph.Node> prod = g.producers();
        for (OnnxGraph.Node t2 : List.copyOf(g.nodes)) {
            if (!t2.op.equals("Transpose")) {
                continue;
            }
            OnnxGraph.Node t1 = prod.get(t2.inputs.get(0));
            if (t1 != null && t1.op.equals("Transpose")) {
                long[] p1 = t1.ints("perm");
                long[] p2 = t2.ints("perm");
                long[] p = new long[p2.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = p1[(int) p2[i]];
                }
                t2.inputs.set(0, t1.inputs.get(0));
                t2.attrs.put("perm", p);
            }
            if (isIdentity(t2.ints("perm")) && !g.outputs.contains(t2.outputs.get(0))) {
                g.replaceUses(t2.outputs.get(0), t2.inputs.get(0));
                g.nodes.remove(t2);
            }
        }
        g.removeDead();
    }

    private static boolean isIdentity(long[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Pad(0) → Conv and Pad(-inf) → MaxPool become the consumer's own spatial pads. */
    static void foldPads(OnnxGraph g) {
        Map<String, List<OnnxGraph.Node>> cons = g.consumers();
        for (OnnxGraph.Node pad : List.copyOf(g.nodes)) {
            if (!pad.op.equals("Pad") || !"constant".equals(pad.attrs.getOrDefault("mode", "constant"))
                    || g.outputs.contains(pad.outputs.get(0))) {
                continue;
            }
            Tensor padsT = g.initializers.get(pad.inputs.get(1));
            Tensor valueT = pad.inputs.size() > 2 ? g.initializers.get(pad.inputs.get(2)) : Tensor.floatScalar(0f);
            List<OnnxGraph.Node> users = cons.getOrDefault(pad.outputs.get(0), List.of());
            if (padsT == null || valueT == null || padsT.count() != 8 || users.isEmpty()) {
                continue;
            }
            long[] p = padsT.asLongs();
            boolean spatialOnly = p[0] == 0 && p[1] == 0 && p[4] == 0 && p[5] == 0
                    && Arrays.stream(p).allMatch(v -> v >= 0);
            String want = valueT.get(0) == 0.0 ? "Conv" : valueT.get(0) == Double.NEGATIVE_INFINITY ? "MaxPool" : "";
            boolean ok = spatialOnly && users.stream().allMatch(u -> u.op.equals(want)
                    && u.inputs.indexOf(pad.outputs.get(0)) == 0 && u.inputs.lastIndexOf(pad.outputs.get(0)) == 0
                    && !u.attrs.containsKey("auto_pad"));
            if (!ok) {
                continue;
            }
            for (OnnxGraph.Node u : new HashSet<>(users)) {
                long[] own = u.attrs.containsKey("pads") ? u.ints("pads") : new long[4];
                u.attrs.put("pads", new long[] {own[0] + p[2], own[1] + p[3], own[2] + p[6], own[3] + p[7]});
                u.inputs.set(0, pad.inputs.get(0));
            }
            g.nodes.remove(pad);
        }
        g.removeDead();
    }

    /** Identity x→y: readers of y read x; for a graph output y, x's producer writes y directly. */
    static void collapseIdentities(OnnxGraph g) {
        Map<String, OnnxGraph.Node> prod = g.producers();
        for (OnnxGraph.Node id : List.copyOf(g.nodes)) {
            if (!id.op.equals("Identity")) {
                continue;
            }
            String x = id.inputs.get(0);
            String y = id.outputs.get(0);
            if (!g.outputs.contains(y)) {
                g.replaceUses(y, x);
                g.nodes.remove(id);
            } else if (prod.containsKey(x) && !g.outputs.contains(x)) {
                OnnxGraph.Node p = prod.get(x);
                p.outputs.set(p.outputs.indexOf(x), y);
                g.nodes.forEach(n -> n.inputs.replaceAll(s -> s.equals(x) ? y : s));
                g.nodes.remove(id);
                prod.put(y, p);
            }
        }
    }

    /** Gives every node a non-empty name that no other node has. */
    static void nameNodes(OnnxGraph g) {
        Set<String> seen = new HashSet<>();
        for (OnnxGraph.Node n : g.nodes) {
            String base = n.name == null || n.name.isEmpty() ? n.op + "_" + n.outputs.get(0) : n.name;
            String name = base;
            for (int i = 1; !seen.add(name); i++) {
                name = base + "_" + i;
            }
            n.name = name;
        }
    }

    private static boolean singleUse(OnnxGraph g, Map<String, List<OnnxGraph.Node>> cons, String tensor) {
        return cons.getOrDefault(tensor, List.of()).size() == 1 && !g.outputs.contains(tensor);
    }
}
