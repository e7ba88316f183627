package io.edgewatch.cli;

import io.edgewatch.cli.models.ModelsDistillExportCommand;
import io.edgewatch.cli.models.ModelsLowRankCommand;
import io.edgewatch.cli.models.ModelsPruneCommand;
import io.edgewatch.cli.models.ModelsReportCommand;
import io.edgewatch.cli.models.ModelsWquantCommand;
import io.edgewatch.cli.models.QuantizeCommand;
import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark, prune, low-rank, report.",
        subcommands = {QuantizeCommand.class,
                ModelsPruneCommand.class, ModelsLowRankCommand.class, ModelsWquantCommand.class,
                ModelsDistillExportCommand.class, ModelsReportCommand.class})
final class ModelsCommand {
}
