package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.quant.GraphPrep;
import io.edgewatch.compress.quant.LayerError;
import io.edgewatch.compress.quant.LayerErrorReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edgewatch models layer-report}: fp32 vs int8 error of every quantized tensor, worst first. */
@Command(name = "layer-report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per-tensor error of an int8 QDQ model against its float original.",
                "Relative L2, cosine, max abs on a few real frames, worst first:",
                "finds the layers that quantize badly."})
public final class LayerReportCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, description = "float model the int8 one was made from")
    Path reference;

    @Option(names = "--model", required = true, description = "QDQ int8 model")
    Path model;

    @ArgGroup(exclusive = false, multiplicity = "1")
    FrameSourceOptions frames;

    @Option(names = "--inputs", defaultValue = "4", description = "frames to compare on (default ${DEFAULT-VALUE})")
    int inputs;

    @Mixin InputSizeOption network;

    @Option(names = "--top", defaultValue = "0", description = "print only the N worst tensors (0 = all)")
    int top;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        return LargeStack.call("models-layer-report", this::report);
    }

    private int report() throws Exception {
        ModelProto fp32 = GraphPrep.prepare(OnnxFiles.read(reference));
        ModelProto int8 = OnnxFiles.read(model);
        List<String> tensors = quantizedTensors(fp32, int8);
        if (tensors.isEmpty()) {
            System.err.println(model + " has no DequantizeLinear of a float-model tensor: not a QDQ model of "
                    + reference + "?");
            return 1;
        }
        List<float[]> x = new ArrayList<>();
        int n = Math.min(inputs, frames.max);
        try (FrameInputs in = new FrameInputs(frames.source, new FrameSampler.Selection(frames.skip,
                frames.stride, n), network.inputSize)) {
            in.forEach(x::add);
        }
        System.err.printf("comparing %d tensors on %d frames%n", tensors.size(), x.size());
        List<LayerError> errors = new LayerErrorReport(OrtEnvironment.getEnvironment()).compare(fp32, int8, tensors, x);
        List<LayerError> shown = top > 0 ? errors.subList(0, Math.min(top, errors.size())) : errors;
        System.out.println(LayerErrorReport.markdown(shown));
        json.write(LayerErrorReport.json(errors));
        return 0;
    }

    /** Float-model tensors that the int8 model quantizes (it carries {@code <name>_dequantized}). */
    static List<String> quantizedTensors(ModelProto fp32, ModelProto int8) {
        Set<String> produced = new HashSet<>();
        fp32.getGraph().getNodeList().forEach(nd -> produced.addAll(nd.getOutputList()));
        fp32.getGraph().getInputList().forEach(v -> produced.add(v.getName()));
        List<String> out = new ArrayList<>();
        for (NodeProto nd : int8.getGraph().getNodeList()) {
            for (String o : nd.getOutputList()) {
                if (o.endsWith("_dequantized")) {
                    String t = o.substring(0, o.length() - "_dequantized".length());
                    if (produced.contains(t) && !out.contains(t)) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }
}
