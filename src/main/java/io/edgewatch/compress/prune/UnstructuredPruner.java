package io.edgewatch.compress.prune;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Unstructured pruning: zeroes individual weights of Conv/MatMul/Gemm initializers, by L1 magnitude or at random.
 * The file stays a dense ONNX model (the zeros are stored), so ONNX Runtime runs it exactly as fast as before;
 * only the size after compression shrinks. Biases are never pruned. Exactly {@code round(sparsity * n)} weights
 * are zeroed per layer (or over all layers for the global scope); ties at the threshold are broken by position.
 */
public final class UnstructuredPruner {
    private final PruneOptions options;

    public UnstructuredPruner(PruneOptions options) {
        this.options = options;
    }

    /** Names of weight initializers this pruner would touch. */
    public List<String> targets(ModelProto model) {
        Graph g = new Graph(model.getGraph());
        Set<String> tail = options.skipHeadTail() ? g.headTail() : Set.of();
        List<String> out = new ArrayList<>();
        for (NodeProto n : g.weightedNodes()) {
            boolean skip = options.exclude().contains(n.getName()) || tail.contains(n.getName())
                    || (options.skipDepthwise() && g.isDepthwise(n));
            if (!skip && !out.contains(n.getInput(1))) {
                out.add(n.getInput(1));
            }
        }
        return out;
    }

    public ModelProto prune(ModelProto model) {
        if (options.sparsity() == 0) {
            return model; // the identity, bit for bit
        }
        Graph g = new Graph(model.getGraph());
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (String name : targets(model)) {
            weights.put(name, Tensors.floats(g.initializer(name)));
        }
        if (options.method() == PruneOptions.Method.RANDOM) {
            Random rnd = new Random(options.seed());
            weights.values().forEach(w -> zeroRandom(w, count(w.length), rnd));
        } else if (options.scope() == PruneOptions.Scope.GLOBAL) {
            zeroGlobal(new ArrayList<>(weights.values()));
        } else {
            weights.values().forEach(w -> zeroSmallest(List.of(w), count(w.length)));
        }
        Map<String, TensorProto> replaced = new LinkedHashMap<>();
        weights.forEach((name, w) -> replaced.put(name, Tensors.withValues(g.initializer(name), w)));
        return Tensors.replace(model, replaced);
    }

    private long count(long n) {
        return Math.round(options.sparsity() * n);
    }

    private void zeroGlobal(List<float[]> all) {
        long n = all.stream().mapToLong(w -> w.length).sum();
        zeroSmallest(all, count(n));
    }

    /** Zeroes exactly k weights with the smallest |w| across the arrays (ties: first positions first). */
    static void zeroSmallest(List<float[]> arrays, long k) {
        if (k <= 0) {
            return;
        }
        int n = arrays.stream().mapToInt(w -> w.length).sum();
        float[] mags = new float[n];
        int i = 0;
        for (float[] w : arrays) {
            for (float v : w) {
                mags[i++] = Math.abs(v);
            }
        }
        Arrays.sort(mags);
        float threshold = mags[(int) k - 1];
        long below = 0;
        for (float m : mags) {
            if (m < threshold) {
                below++;
            }
        }
        long tiesLeft = k - below;
        for (float[] w : arrays) {
            for (int j = 0; j < w.length; j++) {
                float m = Math.abs(w[j]);
                if (m < threshold) {
                    w[j] = 0f;
                } else if (m == threshold && tiesLeft > 0) {
                    w[j] = 0f;
                    tiesLeft--;
                }
            }
        }
    }

    /** Zeroes k distinct random positions (partial Fisher-Yates). */
    static void zeroRandom(float[] w, long k, Random rnd) {
        int[] idx = new int[w.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            w[idx[i]] = 0f;
        }
    }
}
