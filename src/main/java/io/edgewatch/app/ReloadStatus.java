package io.edgewatch.app;

import io.edgewatch.metrics.ServiceMetrics;
import io.edgewatch.metrics.ServiceMetrics.ReloadResult;
import io.edgewatch.util.TimeSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The last reload's outcome, for {@code /ready} ({@code config_reload}: result, when, the error of a rejected or
 * failed one, keys waiting for a restart) and the {@code edgewatch.config.reload} counter. Written by the reload
 * thread, read by the HTTP thread.
 */
final class ReloadStatus {
    private record Last(ReloadResult result, String at, String error, List<String> restartPending) {}

    private final TimeSource time;
    private final ServiceMetrics metrics;
    private volatile Last last;

    ReloadStatus(TimeSource time, ServiceMetrics metrics) {
        this.time = Objects.requireNonNull(time, "time");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    void record(ReloadResult result, String error, List<String> restartPending) {
        last = new Last(result, time.now().toString(), error == null ? "" : error, List.copyOf(restartPending));
        metrics.countReload(result);
    }

    /** Empty before the first reload. */
    Map<String, Object> json() {
        Last l = last;
        if (l == null) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", l.result().name().toLowerCase(Locale.ROOT));
        m.put("at", l.at());
        m.put("error", l.error());
        m.put("restart_pending", l.restartPending());
        return m;
    }

    ReloadResult lastResult() {
        Last l = last;
        return l == null ? null : l.result();
    }
}
