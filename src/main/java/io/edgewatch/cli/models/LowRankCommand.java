package io.edgewatch.cli.models;

import io.edgewatch.compress.lowrank.LowRankFactorizer;
import io.edgewatch.compress.lowrank.LowRankOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models lowrank}: SVD factorisation of 1×1 convs (optionally k×k) and MatMul/Gemm. */
@Command(name = "lowrank", mixinStandardHelpOptions = true,
        description = "Factorise 1x1 convs and MatMul/Gemm weights into two thin layers by truncated SVD.")
public final class LowRankCommand implements Callable<Integer> {
    @Mixin ModelFileArgs files;
    @Option(names = "--energy", description = "keep this share of squared singular values, (0,1]") Double energy;
    @Option(names = "--ratio", description = "keep this share of the full rank, (0,1]") Double ratio;
    @Option(names = "--spatial", description = "also factorise k x k convs (k x k conv to r channels, then 1x1)")
    boolean spatial;
    @Option(names = "--force", description = "factorise even where the factors hold more parameters") boolean force;
    @Option(names = "--include-head-tail", description = "also factorise the head's last layers") boolean headTail;

    @Override
    public Integer call() throws Exception {
        if ((energy == null) == (ratio == null)) {
            throw new IllegalArgumentException("give exactly one of --energy or --ratio");
        }
        LowRankOptions o = new LowRankOptions(energy == null ? 0 : energy, ratio == null ? 0 : ratio, spatial, !force,
                !headTail, files.excluded());
        LowRankFactorizer.Result r = new LowRankFactorizer(o).factorise(files.read());
        for (LowRankFactorizer.Layer l : r.layers()) {
            System.out.printf("%s %dx%d rank %d (energy %.3f): %d -> %d params%s%n", l.node(), l.rows(), l.cols(),
                    l.rank(), l.energyKept(), l.paramsBefore(), l.factorised() ? l.paramsAfter() : l.paramsBefore(),
                    l.factorised() ? "" : " — skipped, " + l.note());
        }
        files.write(r.model());
        System.out.println(r.summary());
        System.out.println("wrote " + files.out);
        return 0;
    }
}
