package io.edgewatch.cli;

import io.edgewatch.cli.models.ModelsCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point: {@code edgewatch <command>}. Exit codes: 0 ok, 1 runtime failure, 2 usage, config or other
 * user error. Errors are one line each (see {@link UserErrors}); {@code --debug} adds the stack trace.
 * Everything printed passes through {@link RedactingOutput}.
 */
@Command(name = "edgewatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Edge video analytics: RTSP cameras in, int8 ONNX detection, MQTT events out.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, ReloadCommand.class, ModelsCommand.class,
                BenchCommand.class, WatchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace as well as the one-line message.")
    boolean debug;

    public static void main(String[] args) {
        // Our own logging config by name: a dependency (HiveMQ) ships a logback.xml of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "edgewatch-logback.xml");
        }
        // JavaCPP (and FFmpeg's native log through JavaCV's callback) logs via SLF4J, hence redacted.
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(RedactingOutput.wrap(out));
        System.setErr(RedactingOutput.wrap(err));
        try {
            CommandLine cl = new CommandLine(new Main());
            cl.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
            UserErrors errors = new UserErrors();
            cl.setExecutionExceptionHandler(errors);
            cl.setParameterExceptionHandler(errors);
            return cl.execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }
}
