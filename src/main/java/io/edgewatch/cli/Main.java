package io.edgewatch.cli;

import io.edgewatch.cli.models.ModelsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code edgewatch <command>}. Exit codes: 0 ok, 1 runtime failure, 2 usage or config error. */
@Command(name = "edgewatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Edge video analytics: RTSP cameras in, int8 ONNX detection, MQTT events out.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, ReloadCommand.class, ModelsCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Our own logging config by name: a dependency (HiveMQ) ships a logback.xml of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "edgewatch-logback.xml");
        }
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        return cl.execute(args);
    }
}
