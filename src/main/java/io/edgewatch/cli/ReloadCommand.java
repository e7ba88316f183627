package io.edgewatch.cli;

import io.edgewatch.config.ConfigException;
import io.edgewatch.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Asks the running daemon to re-read its configuration by sending it SIGHUP (what {@code systemctl reload}
 * does). With FILE, the file is validated first and nothing is sent when it is invalid, so the errors show on the
 * terminal. Without --pid the daemon is looked up among this user's processes ("edgewatch run").
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Make the running daemon re-read its configuration (sends SIGHUP).",
                "Exit code 0 when signalled, 2 when FILE is invalid or no single daemon is found, 1 when the "
                        + "signal could not be sent."})
final class ReloadCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Validate this configuration file first; nothing is sent when it is invalid.")
    Path file;

    @Option(names = "--pid", paramLabel = "PID", description = "Process id of the daemon (default: found by name).")
    Long pid;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (file != null) {
            try {
                ConfigLoader.load(file);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                System.err.println("not reloaded: the daemon would reject this file and keep its configuration");
                return 2;
            }
        }
        Optional<Long> target = pid != null ? Optional.of(pid) : findDaemon();
        if (target.isEmpty()) {
            return 2;
        }
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(target.get())).inheritIO().start();
        if (kill.waitFor() != 0) {
            System.err.println("could not signal process " + target.get());
            return 1;
        }
        System.out.println("reload requested from process " + target.get()
                + " (result: /ready config_reload, or the daemon's log)");
        return 0;
    }

    /** The one process of ours whose command line runs edgewatch's main with "run". */
    private static Optional<Long> findDaemon() {
        long self = ProcessHandle.current().pid();
        List<Long> found = ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(ReloadCommand::isDaemon).orElse(false))
                .map(ProcessHandle::pid).toList();
        if (found.size() == 1) {
            return Optional.of(found.get(0));
        }
        System.err.println(found.isEmpty() ? "no running edgewatch daemon found; pass --pid PID"
                : "several edgewatch daemons " + found + "; pass --pid PID");
        return Optional.empty();
    }

    /** {@code java ... -jar .../edgewatch-1.0.jar run ...} (bin/edgewatch, the unit) or the main class. */
    private static final Pattern DAEMON = Pattern.compile(
            "(" + Pattern.quote(Main.class.getName()) + "|edgewatch[^\\s/]*\\.jar) run( |$)");

    static boolean isDaemon(String commandLine) {
        return DAEMON.matcher(commandLine).find();
    }
}
