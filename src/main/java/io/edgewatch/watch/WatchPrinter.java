package io.edgewatch.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgewatch.event.DetectionEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * Output of {@code edgewatch watch}: one line per event and per anomaly (text or JSON lines), or, in summary
 * mode, only anomalies plus a totals line every few seconds. The stream is given by the CLI.
 */
public final class WatchPrinter {
    /** What to print. */
    public enum Mode { EVENTS, SUMMARY, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final Mode mode;
    private final long summaryEveryNanos;
    private long lastSummary = Long.MIN_VALUE;

    public WatchPrinter(PrintStream out, Mode mode, long summaryEveryNanos) {
        this.out = out;
        this.mode = mode;
        this.summaryEveryNanos = summaryEveryNanos;
    }

    synchronized void arrival(Arrival a) {
        DetectionEvent e = a.event();
        boolean anomaly = !"event".equals(a.kind()) || a.skewed();
        if (mode == Mode.JSON) {
            ObjectNode n = JSON.createObjectNode().put("kind", a.kind()).put("device", e.device())
                    .put("camera", e.camera()).put("seq", e.seq()).put("event_id", e.eventId())
                    .put("type", e.type().name().toLowerCase(java.util.Locale.ROOT)).put("label", e.label())
                    .put("received_time", a.receivedAt().toString()).put("skew_ms", a.skewMillis())
                    .put("skewed", a.skewed()).put("gap", a.gapSize());
            out.println(n);
        } else if (mode == Mode.EVENTS || anomaly) {
            out.printf("%s %-9s %s seq=%d %s %s id=%s%s%s%n", a.receivedAt(), a.kind(), a.stream(), e.seq(),
                    e.type().name().toLowerCase(java.util.Locale.ROOT), e.label(), e.eventId(),
                    a.gapSize() > 0 ? " missing=" + a.gapSize() : "",
                    a.skewed() ? " skew=" + a.skewMillis() + "ms" : "");
        }
    }

    synchronized void availability(String device, String state, Instant at) {
        if (mode == Mode.JSON) {
            out.println(JSON.createObjectNode().put("kind", "availability").put("device", device)
                    .put("state", state).put("received_time", at.toString()));
        } else {
            out.printf("%s %-9s %s %s%n", at, "avail", device, state);
        }
    }

    synchronized void invalid(String topic, String why) {
        if (mode == Mode.JSON) {
            out.println(JSON.createObjectNode().put("kind", "invalid").put("topic", topic).put("error", why));
        } else {
            out.printf("%-9s %s: %s%n", "invalid", topic, why);
        }
    }

    /** Periodic totals line (summary mode only). */
    synchronized void tick(Summary s, long nowNanos) {
        if (mode != Mode.SUMMARY || (lastSummary != Long.MIN_VALUE && nowNanos - lastSummary < summaryEveryNanos)) {
            return;
        }
        lastSummary = nowNanos;
        out.println(totals(s));
    }

    /** The final report: a totals line (text) or one JSON object. */
    public synchronized void finish(Summary s, Map<String, Long> missingByStream) {
        if (mode == Mode.JSON) {
            ObjectNode n = JSON.valueToTree(s);
            n.put("kind", "summary");
            n.set("missing_by_stream", JSON.valueToTree(missingByStream));
            out.println(n);
        } else {
            out.println(totals(s));
            missingByStream.forEach((k, v) -> out.printf("gap: %s missing %d seq(s)%n", k, v));
        }
        out.flush();
    }

    private static String totals(Summary s) {
        return String.format("events=%d unique=%d duplicates=%d repeats=%d late=%d missing=%d skewed=%d "
                + "max_skew_ms=%d invalid=%d streams=%d devices_online=%d", s.received(), s.unique(), s.duplicates(),
                s.repeats(), s.late(), s.missing(), s.skewed(), s.maxSkewMillis(), s.invalid(),
                s.highestSeq().size(), s.availability().values().stream().filter("online"::equals).count());
    }
}
