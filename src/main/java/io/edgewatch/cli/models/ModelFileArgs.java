package io.edgewatch.cli.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgewatch.compress.model.OnnxFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code IN OUT [--exclude NODE,..]}: the arguments of the commands that rewrite one fp32 ONNX model into another. */
public final class ModelFileArgs {
    @Parameters(index = "0", paramLabel = "IN", description = "input fp32 ONNX model")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output ONNX model")
    Path out;

    @Option(names = "--exclude", split = ",", paramLabel = "NODE", description = "node names left unchanged")
    List<String> exclude = List.of();

    ModelProto read() throws IOException {
        return OnnxFiles.read(in);
    }

    void write(ModelProto model) throws IOException {
        OnnxFiles.write(model, out);
    }

    Set<String> excluded() {
        return Set.copyOf(exclude);
    }
}
