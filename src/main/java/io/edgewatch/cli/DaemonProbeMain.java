package io.edgewatch.cli;

import io.edgewatch.bench.DaemonProbe;

/** Entry point of the child JVM that `edgewatch bench` measures the daemon in (see bench/ProbeLauncher). */
public final class DaemonProbeMain {
    private DaemonProbeMain() {}

    public static void main(String[] args) throws Exception {
        System.exit(DaemonProbe.run(args, System.out, System.in));
    }
}
