package io.edgewatch.cli;

import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark.",
        subcommands = {
                io.edgewatch.cli.models.ModelsPruneCommand.class, io.edgewatch.cli.models.ModelsLowRankCommand.class, io.edgewatch.cli.models.ModelsWquantCommand.class, io.edgewatch.cli.models.ModelsDistillExportCommand.class, io.edgewatch.cli.models.ModelsReportCommand.class,
        })
final class ModelsCommand {
}
