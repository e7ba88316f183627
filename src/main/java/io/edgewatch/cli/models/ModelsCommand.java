package io.edgewatch.cli.models;

import picocli.CommandLine.Command;

/**
 * {@code edgewatch models}: offline model tools. The daemon packages never import these; only the CLI wires them.
 * Each subcommand class is named after its subcommand; this package is the {@code models} parent, so
 * {@link BenchCommand} here is {@code models bench} and {@code io.edgewatch.cli.BenchCommand} is {@code edgewatch bench}.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark, prune, low-rank, report, select.",
        subcommands = {ImportCommand.class, QuantizeCommand.class, EvalCommand.class, BenchCommand.class,
                LayerReportCommand.class, PlotCommand.class, PruneCommand.class, LowRankCommand.class,
                WquantCommand.class, DistillExportCommand.class, ReportCommand.class, SelectCommand.class})
public final class ModelsCommand {
}
