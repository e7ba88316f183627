package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads a QDQ model in ONNX Runtime with all graph optimizations, dumps the optimized graph and verifies that no
 * float compute op (Conv, FusedConv, MatMul, Gemm, ...) is still fed by a DequantizeLinear of a constant (an int8
 * weight) — i.e. every quantized Conv really became an int8 kernel (QLinearConv). Float convs that merely read a
 * dequantized activation (the head tail kept float on purpose) are fine. As a second guard the number of int8
 * convs must equal the number of Convs with a DQ weight in the QDQ model. This decides whether int8 beats fp32.
 */
public final class FusionCheck {

    private static final Set<String> FLOAT_COMPUTE = Set.of("Conv", "FusedConv", "ConvTranspose", "MatMul", "Gemm",
            "FusedMatMul", "FusedGemm");

    /** Op counts of the optimized graph and the offending nodes ("name (op) <- dq"). */
    public record Report(Map<String, Integer> opCounts, List<String> offending) {

        public int int8ConvCount() {
            return opCounts.entrySet().stream().filter(e -> e.getKey().contains("QLinearConv"))
                    .mapToInt(Map.Entry::getValue).sum();
        }

        public boolean fused() {
            return offending.isEmpty();
        }
    }

    private final OrtEnvironment env;

    public FusionCheck(OrtEnvironment env) {
        this.env = env;
    }

    /** Throws {@link FusionException} listing every float compute node still fed by DequantizeLinear. */
    public Report verify(ModelProto qdqModel) throws OrtException {
        Report r = inspect(qdqModel);
        long expected = quantizedConvs(qdqModel);
        if (r.fused() && r.int8ConvCount() < expected) {
            throw new FusionException("expected " + expected + " int8 convs after optimization, found "
                    + r.int8ConvCount(), List.of());
        }
        if (!r.fused()) {
            throw new FusionException("ONNX Runtime did not fuse " + r.offending().size()
                    + " quantized op(s); they run as float on dequantized data", r.offending());
        }
        return r;
    }

    public Report inspect(ModelProto qdqModel) throws OrtException {
        ModelProto optimized = optimize(qdqModel);
        Map<String, NodeProto> producer = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        Set<String> initializers = new HashSet<>();
        optimized.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        for (NodeProto n : optimized.getGraph().getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
            counts.merge(n.getOpType(), 1, Integer::sum);
        }
        List<String> offending = new ArrayList<>();
        for (NodeProto n : optimized.getGraph().getNodeList()) {
            if (!FLOAT_COMPUTE.contains(n.getOpType())) {
                continue;
            }
            for (String in : n.getInputList()) {
                NodeProto p = producer.get(in);
                if (p != null && p.getOpType().equals("DequantizeLinear") && initializers.contains(p.getInput(0))) {
                    offending.add(n.getName() + " (" + n.getOpType() + ") <- " + p.getName());
                    break;
                }
            }
        }
        return new Report(counts, offending);
    }

    /** Convs of the QDQ model whose weight comes from a DequantizeLinear. */
    static long quantizedConvs(ModelProto qdq) {
        Set<String> dqOutputs = new HashSet<>();
        qdq.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("DequantizeLinear"))
                .forEach(n -> dqOutputs.add(n.getOutput(0)));
        return qdq.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Conv") && n.getInputCount() > 1
                        && dqOutputs.contains(n.getInput(1)))
                .count();
    }

    private ModelProto optimize(ModelProto model) throws OrtException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("edgewatch-fusion-", ".onnx");
            try (OrtSession.SessionOptions o = OrtModels.options(1, OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
                o.setOptimizedModelFilePath(tmp.toString());
                env.createSession(model.toByteArray(), o).close();
            }
            return ModelProto.parseFrom(Files.readAllBytes(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the optimized model", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
