package io.edgewatch.cli.models;

import io.edgewatch.compress.wquant.WeightQuantizer;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models wquant}: b-bit linear or power-of-two weight quantization, stored dequantized. */
@Command(name = "wquant", mixinStandardHelpOptions = true,
        description = {"Quantize weights to b bits (linear or log2 / power-of-two) and store them dequantized as"
                + " float, to compare accuracy at equal bits. Informational: neither smaller nor faster."})
public final class WquantCommand implements Callable<Integer> {
    @Mixin ModelFileArgs files;
    @Option(names = "--scheme", defaultValue = "linear", description = "linear | log2") String scheme;
    @Option(names = "--bits", defaultValue = "4", description = "bits per weight incl. sign, 2..16") int bits;

    @Override
    public Integer call() throws Exception {
        WeightQuantizer.Scheme s = WeightQuantizer.Scheme.valueOf(scheme.toUpperCase(Locale.ROOT));
        files.write(new WeightQuantizer(s, bits, files.excluded()).quantize(files.read()));
        System.out.printf("%s %d-bit weights written (dequantized) to %s%n", s, bits, files.out);
        return 0;
    }
}
