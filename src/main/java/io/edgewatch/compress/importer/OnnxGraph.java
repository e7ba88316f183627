package io.edgewatch.compress.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small mutable ONNX graph used between conversion and serialisation: nodes in topological order,
 * float/int64 initializers and static shapes of every tensor. Clean-up passes rewrite it in place.
 */
final class OnnxGraph {

    /** One ONNX node; attribute values are Long, Float, String, long[] or float[]. */
    static final class Node {
        final String op;
        String name;
        final List<String> inputs;
        final List<String> outputs;
        final Map<String, Object> attrs = new LinkedHashMap<>();

        Node(String op, String name, List<String> inputs, List<String> outputs) {
            this.op = op;
            this.name = name;
            this.inputs = new ArrayList<>(inputs);
            this.outputs = new ArrayList<>(outputs);
        }

        long[] ints(String key) {
            return (long[]) attrs.get(key);
        }

        @Override
        public String toString() {
            return op + " " + name + " " + inputs + " -> " + outputs;
        }
    }

    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> initializers = new LinkedHashMap<>();
    final Map<String, int[]> shapes = new HashMap<>();
    final List<String> inputs = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();

    /** A tensor/initializer name not used so far, derived from {@code hint}. */
    String fresh(String hint) {
        String name = hint;
        for (int i = 1; !usedNames.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    void reserve(String name) {
        usedNames.add(name);
    }

    String addInitializer(String hint, Tensor t) {
        String name = fresh(hint);
        initializers.put(name, t);
        shapes.put(name, t.shape());
        return name;
    }

    /** Consumers of every tensor name (a node appears once per input slot that reads the tensor). */
    Map<String, List<Node>> consumers() {
        Map<String, List<Node>> out = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs) {
                if (!in.isEmpty()) {
                    out.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        return out;
    }

    Map<String, Node> producers() {
        Map<String, Node> out = new HashMap<>();
        for (Node n : nodes) {
            for (String o : n.outputs) {
                out.put(o, n);
            }
        }
        return out;
    }

    /** Makes every reader of {@code from} read {@code to} instead (graph outputs included). */
    void replaceUses(String from, String to) {
        for (Node n : nodes) {
            n.inputs.replaceAll(s -> s.equals(from) ? to : s);
        }
        outputs.replaceAll(s -> s.equals(from) ? to : s);
    }

    /** Drops nodes and initializers that no graph output depends on. */
    void removeDead() {
        Set<String> live = new HashSet<>(outputs);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs.stream().anyMatch(live::contains)) {
                live.addAll(n.inputs);
            } else {
                nodes.remove(i);
            }
        }
        initializers.keySet().retainAll(live);
    }

    /** Node count per op type, in first-seen order. */
    Map<String, Integer> opHistogram() {
        Map<String, Integer> h = new LinkedHashMap<>();
        nodes.forEach(n -> h.merge(n.op, 1, Integer::sum));
        return h;
    }
}
