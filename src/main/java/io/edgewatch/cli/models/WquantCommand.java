package io.edgewatch.cli.models;

import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.wquant.WeightQuantizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models wquant}: b-bit linear or power-of-two weight quantization, stored dequantized. */
@Command(name = "wquant", mixinStandardHelpOptions = true,
        description = {"Quantize weights to b bits (linear or log2 / power-of-two) and store them dequantized as"
                + " float, to compare accuracy at equal bits. Informational: neither smaller nor faster."})
public final class WquantCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "input fp32 ONNX model") Path in;
    @Parameters(index = "1", paramLabel = "OUT", description = "output ONNX model") Path out;
    @Option(names = "--scheme", defaultValue = "linear", description = "linear | log2") String scheme;
    @Option(names = "--bits", defaultValue = "4", description = "bits per weight incl. sign, 2..16") int bits;
    @Option(names = "--exclude", split = ",", description = "node names left in float") List<String> exclude;

    @Override
    public Integer call() throws Exception {
        WeightQuantizer.Scheme s = WeightQuantizer.Scheme.valueOf(scheme.toUpperCase(Locale.ROOT));
        OnnxFiles.write(new WeightQuantizer(s, bits, exclude == null ? Set.of() : Set.copyOf(exclude))
                .quantize(OnnxFiles.read(in)), out);
        System.out.printf("%s %d-bit weights written (dequantized) to %s%n", s, bits, out);
        return 0;
    }
}
