package io.edgewatch.cli;

import picocli.CommandLine.Command;

/** Offline model tools. The daemon packages never import these; only the CLI wires them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Offline model tools: import, quantize, evaluate, benchmark.",
        subcommands = {})
final class ModelsCommand {
}
