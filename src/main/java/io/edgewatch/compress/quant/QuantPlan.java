package io.edgewatch.compress.quant;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Result of planning: which nodes run quantized and which tensors get a QuantizeLinear/DequantizeLinear pair.
 *
 * @param weightedNodes  Conv/MatMul/Gemm node names whose weights become int8
 * @param otherNodes     non-weighted node names between quantized ops (run as int8 kernels by ORT)
 * @param tensors        activation tensors that get a Q/DQ pair, in graph order
 * @param sharedParams   tensor -> tensor whose parameters it must reuse (ORT drops Q/DQ around data-movement
 *                       ops like MaxPool/Resize/Reshape only when input and output parameters are equal)
 * @param tailNodes      nodes kept float by the head-tail rule
 * @param warnings       things the user should know (e.g. a quantized Conv producing a graph output cannot fuse)
 */
public record QuantPlan(Set<String> weightedNodes, Set<String> otherNodes, List<String> tensors,
        Map<String, String> sharedParams, Set<String> tailNodes, List<String> warnings) {

    /** Tensors whose statistics must be collected (those that do not borrow parameters). */
    public List<String> calibratedTensors() {
        return tensors.stream().filter(t -> !sharedParams.containsKey(t)).toList();
    }

    /** Follows the sharing chain to the tensor that owns the parameters. */
    public String paramsOwner(String tensor) {
        String t = tensor;
        while (sharedParams.containsKey(t)) {
            t = sharedParams.get(t);
        }
        return t;
    }
}
