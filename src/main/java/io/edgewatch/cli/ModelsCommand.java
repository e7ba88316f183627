package io.edgewatch.cli;

import io.edgewatch.cli.models.EvalCommand;
import io.edgewatch.cli.models.QuantizeCommand;
import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark.",
        subcommands = {QuantizeCommand.class, EvalCommand.class})
final class ModelsCommand {
}
