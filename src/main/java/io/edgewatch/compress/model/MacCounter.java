package io.edgewatch.compress.model;

import io.edgewatch.detect.OrtSessions;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgewatch.util.LargeStack;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Multiply-accumulates of the Conv/MatMul/Gemm nodes of a graph, counted from the graph: weight shape times the
 * output's spatial size. Spatial sizes come from one ONNX Runtime run on a zero input (every weighted node's
 * output made a graph output), so no shape inference of our own can be wrong about them.
 */
public final class MacCounter {
    private MacCounter() {}

    /** MACs per weighted node name (single-input model, static input shape). */
    public static Map<String, Long> count(ModelProto model) throws Exception {
        Graph g = new Graph(model.getGraph());
        byte[] bytes = Tensors.withFloatOutputs(model, g.weightedNodes().stream().map(n -> n.getOutput(0)).toList())
                .toByteArray();
        Map<String, long[]> shapes = LargeStack.call("ort-macs", () -> outputShapes(bytes));
        Map<String, Long> macs = new LinkedHashMap<>();
        for (NodeProto n : g.weightedNodes()) {
            macs.put(n.getName(), macs(n, g.initializer(n.getInput(1)), shapes.get(n.getOutput(0))));
        }
        return macs;
    }

    public static long total(Map<String, Long> macs) {
        return macs.values().stream().mapToLong(Long::longValue).sum();
    }

    static long macs(NodeProto n, TensorProto w, long[] outShape) {
        long weights = 1;
        for (long d : w.getDimsList()) {
            weights *= d;
        }
        if (n.getOpType().equals("Conv")) {
            long spatial = 1;
            for (int i = 2; i < outShape.length; i++) {
                spatial *= outShape[i];
            }
            return weights * spatial * outShape[0]; // each weight used once per output pixel
        }
        long rows = 1; // MatMul/Gemm: every output row uses every weight once
        for (int i = 0; i < outShape.length - 1; i++) {
            rows *= outShape[i];
        }
        return weights * rows;
    }

    private static Map<String, long[]> outputShapes(byte[] model) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = OrtSessions.options(1)) {
            try (OrtSession s = env.createSession(model, o)) {
                Map.Entry<String, NodeInfo> in = s.getInputInfo().entrySet().iterator().next();
                long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
                long n = 1;
                for (long d : shape) {
                    n *= d;
                }
                Map<String, long[]> out = new LinkedHashMap<>();
                try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.allocate((int) n), shape);
                        OrtSession.Result r = s.run(Map.of(in.getKey(), x))) {
                    for (Map.Entry<String, OnnxValue> e : r) {
                        out.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
                    }
                }
                return out;
            }
        }
    }
}
