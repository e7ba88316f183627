package io.edgewatch.app;

import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.util.TimeSource;
import io.edgewatch.systemd.ServiceNotifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon as a service: {@link Daemon} plus systemd notification (READY, WATCHDOG while the detect loop makes
 * progress, STOPPING) and live config reload. {@link #close()} says STOPPING first, then stops the reload triggers,
 * then the daemon in pipeline order.
 */
public final class Service implements AutoCloseable {
    private final Daemon daemon;
    private final ServiceNotifier notifier;
    private final ConfigReloader reloader;

    /** What to start besides the daemon. */
    public record Options(Path configFile, ConfigReloader.Source configSource, boolean reloadOnSighup,
                          boolean reloadOnFileChange, Map<String, String> env, long pid) {
        public Options {
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(configSource, "configSource");
            env = Map.copyOf(env);
        }
    }

    private Service(Daemon daemon, ServiceNotifier notifier, ConfigReloader reloader) {
        this.daemon = daemon;
        this.notifier = notifier;
        this.reloader = reloader;
    }

    public static Service start(EdgewatchConfig config, Options options, TimeSource time) {
        ServiceNotifier notifier = ServiceNotifier.fromEnvironment(options.env(), options.pid());
        Daemon daemon = Daemon.start(config, time);
        ConfigReloader reloader = new ConfigReloader(options.configFile(), options.configSource(), daemon, time)
                .start(options.reloadOnSighup(), options.reloadOnFileChange());
        daemon.supervise(reloader.supervisor());
        notifier.ready(daemon::progressing);
        return new Service(daemon, notifier, reloader);
    }

    public Daemon daemon() {
        return daemon;
    }

    public ConfigReloader reloader() {
        return reloader;
    }

    public boolean underSystemd() {
        return notifier.active();
    }

    @Override
    public void close() {
        notifier.stopping();
        reloader.close();
        daemon.close();
    }
}
