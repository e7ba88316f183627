package io.edgewatch.compress.prune;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Sparsity measured from a model's weights (zeros counted in the file), plus its size raw and after deflate. */
public record Sparsity(List<Layer> layers, long bytes, long deflatedBytes) {

    /** One weight initializer: total and zero entries. */
    public record Layer(String weight, long total, long zeros) {
        public double sparsity() {
            return total == 0 ? 0 : (double) zeros / total;
        }
    }

    /** Zeros per weight plus the model's size raw and after deflate. */
    public static Sparsity measure(ModelProto model) {
        return measure(model, true);
    }

    /** Zeros per weight; sizes only when {@code withSize} (deflating takes a moment), else -1. */
    public static Sparsity measure(ModelProto model, boolean withSize) {
        Graph g = new Graph(model.getGraph());
        Set<String> names = new LinkedHashSet<>();
        for (NodeProto n : g.weightedNodes()) {
            names.add(n.getInput(1));
        }
        List<Layer> layers = new ArrayList<>();
        for (String name : names) {
            TensorProto t = g.initializer(name);
            long zeros = 0;
            float[] w = Tensors.floats(t);
            for (float v : w) {
                if (v == 0f) {
                    zeros++;
                }
            }
            layers.add(new Layer(name, w.length, zeros));
        }
        if (!withSize) {
            return new Sparsity(List.copyOf(layers), -1, -1);
        }
        byte[] bytes = model.toByteArray();
        return new Sparsity(List.copyOf(layers), bytes.length, OnnxFiles.deflatedSize(bytes));
    }

    /** Fraction of zeros over the given weights (e.g. the pruner's targets), or over all if {@code names} is empty. */
    public double overall(Collection<String> names) {
        long total = 0;
        long zeros = 0;
        for (Layer l : layers) {
            if (names.isEmpty() || names.contains(l.weight())) {
                total += l.total();
                zeros += l.zeros();
            }
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    public Layer layer(String weight) {
        return layers.stream().filter(l -> l.weight().equals(weight)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no weight " + weight));
    }

    public String summary(Collection<String> pruned) {
        return String.format(Locale.ROOT, "sparsity %.4f of pruned weights, %.4f of all weights; %d bytes, %d after"
                + " deflate", overall(pruned), overall(List.of()), bytes, deflatedBytes);
    }
}
