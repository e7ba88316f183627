package io.edgewatch.cli;

import io.edgewatch.config.MqttSecurity;
import io.edgewatch.watch.Ledger;
import io.edgewatch.watch.Summary;
import io.edgewatch.watch.WatchClient;
import io.edgewatch.watch.WatchPrinter;
import io.edgewatch.watch.WatchSettings;
import io.edgewatch.watch.Watcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Fleet consumer for operators and scripts: receives every box's events and checks delivery. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Subscribe to the events of every box, de-duplicate by event_id, follow seq per camera and "
                + "report gaps, repeats, late arrivals, availability changes and clock skew.",
                "Exit code 0; 3 when a seq gap is still open at the end; 1 when the broker cannot be reached."})
final class WatchCommand implements Callable<Integer> {
    static final int EXIT_GAP = 3;

    @Option(names = "--url", paramLabel = "URI", defaultValue = "tcp://127.0.0.1:1883",
            description = "Broker (tcp://host:port or ssl://host:port; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "edgewatch",
            description = "Topic prefix of the boxes, mqtt.topic_prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--group", paramLabel = "NAME",
            description = "Join this shared-subscription group ($share/NAME/...) for events.")
    String group;

    @Option(names = "--client-id", paramLabel = "ID", description = "MQTT client id (default edgewatch-watch-PID).")
    String clientId;

    @Option(names = "--session-expiry", paramLabel = "DURATION", defaultValue = "0s", converter = DurationArg.class,
            description = "Keep the session this long while away (0 = clean session; use a fixed --client-id).")
    Duration sessionExpiry;

    @Option(names = "--username", paramLabel = "USER", description = "MQTT user name.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the MQTT password (else $EDGEWATCH_WATCH_PASSWORD). Never printed.")
    Path passwordFile;

    @Option(names = "--tls-ca-file", paramLabel = "FILE", description = "CA certificate (PEM) for ssl://.")
    String caFile;

    @Option(names = "--tls-cert-file", paramLabel = "FILE", description = "Client certificate (PEM).")
    String certFile;

    @Option(names = "--tls-key-file", paramLabel = "FILE", description = "Client key (PEM, PKCS#8).")
    String keyFile;

    @Option(names = "--skew", paramLabel = "DURATION", defaultValue = "2s", converter = DurationArg.class,
            description = "Report events whose published_time differs from receipt by more (default ${DEFAULT-VALUE}).")
    Duration skew;

    @Option(names = "--from-start", description = "Boxes started after the watcher: seqs below the first one "
            + "seen are gaps too.")
    boolean fromStart;

    @Option(names = "--json", description = "One JSON object per line (events, anomalies, final summary).")
    boolean json;

    @Option(names = "--summary", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "5", defaultValue = "0",
            description = "Print only anomalies and a totals line every SECONDS (default 5 when given).")
    long summarySeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N distinct events (0 = never).")
    long count;

    @Option(names = "--until-idle", paramLabel = "DURATION", defaultValue = "0s", converter = DurationArg.class,
            description = "Stop when no message arrived for this long (0 = never).")
    Duration untilIdle;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s", converter = DurationArg.class,
            description = "Stop after this long (0 = run until Ctrl-C).")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        WatchSettings settings = new WatchSettings(url, clientId != null ? clientId
                : "edgewatch-watch-" + ProcessHandle.current().pid(), username, password(),
                new MqttSecurity("", nz(caFile), nz(certFile), nz(keyFile)), prefix, group, sessionExpiry);
        WatchPrinter.Mode mode = json ? WatchPrinter.Mode.JSON
                : summarySeconds > 0 ? WatchPrinter.Mode.SUMMARY : WatchPrinter.Mode.EVENTS;
        WatchPrinter printer = new WatchPrinter(System.out, mode, TimeUnit.SECONDS.toNanos(Math.max(1, summarySeconds)));
        Ledger ledger = new Ledger(skew, fromStart, Ledger.DEFAULT_REMEMBERED_IDS);
        Watcher watcher = new Watcher(ledger, printer, System::nanoTime, count);
        WatchClient client = new WatchClient(settings, watcher::onMessage, Instant::now);
        Thread hook = new Thread(() -> finish(printer, ledger), "watch-shutdown");
        try {
            client.start(15_000);
        } catch (MqttException e) {
            System.err.println("cannot subscribe at " + url + ": " + e.getMessage() + " [reason code "
                    + e.getReasonCode() + "]");
            client.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        watcher.await(untilIdle.toNanos(), duration.toNanos(), TimeUnit.MILLISECONDS.toNanos(200));
        client.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        return finish(printer, ledger).sawGap() && group == null ? EXIT_GAP : 0;
    }

    private static Summary finish(WatchPrinter printer, Ledger ledger) {
        Summary s = ledger.summary();
        printer.finish(s, ledger.missingByStream());
        return s;
    }

    private String password() throws IOException {
        if (passwordFile != null) {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        }
        return System.getenv("EDGEWATCH_WATCH_PASSWORD");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** 500ms, 5s, 2m, 1h, or plain seconds. */
    static final class DurationArg implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) {
            String s = v.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.replaceAll("[smh]$", ""));
            return switch (s.charAt(s.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
