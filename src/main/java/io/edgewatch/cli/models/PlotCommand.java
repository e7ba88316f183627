package io.edgewatch.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.compress.report.Charts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgewatch models plot}: joins the JSON of {@code models eval} and {@code models bench} (matched by model
 * name) into one Markdown table and a PNG of fidelity vs latency with the file size beside each point.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Table and PNG plot of fidelity vs latency from eval and bench JSON.",
                "Combines `models eval --json` and `models bench --json`; plot of AP50-95 vs 1-thread latency,",
                "sizes annotated. The reference model gets fidelity 1."})
public final class PlotCommand implements Callable<Integer> {

    @Option(names = "--eval", required = true, description = "JSON written by models eval")
    Path eval;

    @Option(names = "--bench", required = true, description = "JSON written by models bench")
    Path bench;

    @Option(names = "--png", required = true, description = "plot to write")
    Path png;

    @Option(names = "--threads", defaultValue = "1",
            description = "thread count whose latency is plotted (default ${DEFAULT-VALUE})")
    int threads;

    /** One row of the combined table. */
    record Row(String name, double ap50, double ap5095, double p50, double p90, double sizeMb, double speedup,
               double smaller) {}

    @Override
    public Integer call() throws Exception {
        ObjectMapper om = new ObjectMapper();
        JsonNode e = om.readTree(eval.toFile());
        JsonNode b = om.readTree(bench.toFile());
        Map<String, double[]> fidelity = new LinkedHashMap<>();
        fidelity.put(EvalCommand.name(Path.of(e.get("reference").asText())), new double[] {1, 1});
        e.get("models").forEach(m -> fidelity.put(m.get("model").asText(),
                new double[] {m.get("ap50").asDouble(), m.get("ap50to95").asDouble()}));
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : b.get("results")) {
            double[] f = fidelity.get(r.get("name").asText());
            if (r.get("threads").asInt() != threads || f == null) {
                continue;
            }
            rows.add(new Row(r.get("name").asText(), f[0], f[1], r.get("p50_ms").asDouble(),
                    r.get("p90_ms").asDouble(), r.get("size_bytes").asDouble() / 1e6, r.get("speedup_p50").asDouble(),
                    r.get("size_ratio").asDouble()));
        }
        if (rows.isEmpty()) {
            System.err.println("no model is in both " + eval + " and " + bench + " at " + threads + " thread(s)");
            return 1;
        }
        System.out.println(markdown(rows));
        List<Charts.Point> points = new ArrayList<>();
        rows.forEach(r -> points.add(new Charts.Point(r.name(), r.p50(), r.ap5095(),
                String.format(Locale.ROOT, "%.1f MB", r.sizeMb()))));
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Charts.scatter(png, "NanoDet-m 416: fidelity vs latency (" + threads + " thread)",
                "p50 latency, ms (" + threads + " thread)", "AP50-95 vs fp32", points);
        System.err.println("wrote " + png);
        return 0;
    }

    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "| model | AP50 | AP50-95 | p50 ms | p90 ms | speed-up | size MB | smaller |\n" + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.1f | %.1f | %.2fx | %.2f | %.2fx |%n",
                    r.name(), r.ap50(), r.ap5095(), r.p50(), r.p90(), r.speedup(), r.sizeMb(), r.smaller()));
        }
        return sb.toString();
    }
}
