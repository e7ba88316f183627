package io.edgewatch.cli;

import io.edgewatch.cli.models.BenchCommand;
import io.edgewatch.cli.models.EvalCommand;
import io.edgewatch.cli.models.ImportCommand;
import io.edgewatch.cli.models.LayerReportCommand;
import io.edgewatch.cli.models.QuantizeCommand;
import io.edgewatch.cli.models.ReportCommand;
import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark.",
        subcommands = {ImportCommand.class, QuantizeCommand.class, EvalCommand.class, BenchCommand.class,
                LayerReportCommand.class, ReportCommand.class})
final class ModelsCommand {
}
