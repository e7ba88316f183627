package io.edgewatch.cli.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.prune.ChannelPruner;
import io.edgewatch.compress.prune.PruneOptions;
import io.edgewatch.compress.prune.Sparsity;
import io.edgewatch.compress.prune.UnstructuredPruner;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models prune}: unstructured (magnitude/random) or structured (channel) pruning of an ONNX model. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune an fp32 ONNX model. Unstructured (magnitude or random) keeps the file dense with zeros:"
                + " smaller after compression, not faster. Structured (channels) removes filters: faster, needs"
                + " fine-tuning."})
public final class PruneCommand implements Callable<Integer> {
    @Mixin ModelFileArgs files;
    @Option(names = "--method", defaultValue = "magnitude",
            description = "magnitude | random | channels (default ${DEFAULT-VALUE})") String method;
    @Option(names = "--sparsity", defaultValue = "0.5",
            description = "fraction of weights (or, for channels, of filters) to remove, [0,1)") double sparsity;
    @Option(names = "--scope", defaultValue = "layer", description = "layer | global (magnitude only)") String scope;
    @Option(names = "--include-depthwise", description = "also prune depthwise convs") boolean depthwise;
    @Option(names = "--include-head-tail", description = "also prune the head's last convs") boolean headTail;
    @Option(names = "--seed", defaultValue = "1", description = "seed for --method random") long seed;

    @Override
    public Integer call() throws Exception {
        ModelProto model = files.read();
        Set<String> ex = files.excluded();
        if (method.equals("channels")) {
            ChannelPruner.Result r = new ChannelPruner(sparsity, !headTail, ex).prune(model);
            files.write(r.model());
            r.pruned().forEach(l -> System.out.printf("pruned %s: %d of %d filters (consumers %s)%n", l.node(),
                    l.removed(), l.channels(), l.consumers()));
            r.skipped().forEach(l -> System.out.printf("skipped %s: %s%n", l.node(), l.skipped()));
        } else {
            PruneOptions.Method m = switch (method) {
                case "magnitude" -> PruneOptions.Method.MAGNITUDE;
                case "random" -> PruneOptions.Method.RANDOM;
                default -> throw new IllegalArgumentException("--method must be magnitude, random or channels");
            };
            PruneOptions o = new PruneOptions(sparsity, m, scope.equals("global") ? PruneOptions.Scope.GLOBAL
                    : PruneOptions.Scope.LAYER, !depthwise, !headTail, ex, seed);
            UnstructuredPruner p = new UnstructuredPruner(o);
            List<String> targets = p.targets(model);
            files.write(p.prune(model));
            Sparsity before = Sparsity.measure(model);
            Sparsity after = Sparsity.measure(OnnxFiles.read(files.out)); // measured from the written file
            System.out.printf("%d weight tensors pruned%nbefore: %s%nafter:  %s%n", targets.size(),
                    before.summary(targets), after.summary(targets));
        }
        System.out.println("wrote " + files.out);
        return 0;
    }
}
