package io.edgewatch.cli;

import io.edgewatch.cli.models.BenchCommand;
import io.edgewatch.cli.models.EvalCommand;
import io.edgewatch.cli.models.ImportCommand;
import io.edgewatch.cli.models.LayerReportCommand;
import io.edgewatch.cli.models.ModelsDistillExportCommand;
import io.edgewatch.cli.models.ModelsLowRankCommand;
import io.edgewatch.cli.models.ModelsPruneCommand;
import io.edgewatch.cli.models.ModelsReportCommand;
import io.edgewatch.cli.models.ModelsWquantCommand;
import io.edgewatch.cli.models.QuantizeCommand;
import io.edgewatch.cli.models.ReportCommand;
import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark, prune, low-rank, report.",
        subcommands = {ImportCommand.class, QuantizeCommand.class, EvalCommand.class, BenchCommand.class,
                LayerReportCommand.class, ReportCommand.class,
                ModelsPruneCommand.class, ModelsLowRankCommand.class, ModelsWquantCommand.class,
                ModelsDistillExportCommand.class, ModelsReportCommand.class})
final class ModelsCommand {
}
