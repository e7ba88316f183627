package io.edgewatch.watch;

import io.edgewatch.event.DetectionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery accounting for a consumer: de-duplicates by event_id, follows seq per device/camera (gaps, late
 * arrivals, repeats), measures clock skew and keeps device availability. Time comes from the caller, so tests
 * need no clock. Thread-safe (MQTT callbacks of several connections may feed one ledger).
 */
public final class Ledger {
    /** Event ids remembered for de-duplication; older ones fall out (a very late duplicate then counts as a repeat). */
    public static final int DEFAULT_REMEMBERED_IDS = 200_000;

    private final long skewThresholdMillis;
    private final boolean fromOne;
    private final Map<String, StreamSeq> streams = new TreeMap<>();
    private final Map<String, String> availability = new TreeMap<>();
    private final Map<String, Boolean> seenIds;
    private long received;
    private long duplicates;
    private long repeats;
    private long late;
    private long skewed;
    private long maxSkew;
    private long invalid;
    private long availabilityChanges;

    /**
     * @param skewThreshold |receipt − published_time| beyond which an event counts as skewed
     * @param fromOne       the watcher was there before the boxes started: seqs below the first one seen are gaps
     * @param rememberedIds how many event ids to keep for de-duplication
     */
    public Ledger(Duration skewThreshold, boolean fromOne, int rememberedIds) {
        if (skewThreshold == null || skewThreshold.isNegative()) {
            throw new IllegalArgumentException("skewThreshold must be >= 0: " + skewThreshold);
        }
        if (rememberedIds < 1) {
            throw new IllegalArgumentException("rememberedIds must be positive: " + rememberedIds);
        }
        this.skewThresholdMillis = skewThreshold.toMillis();
        this.fromOne = fromOne;
        this.seenIds = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberedIds;
            }
        };
    }

    public synchronized Arrival accept(DetectionEvent e, Instant receivedAt) {
        received++;
        long skew = Duration.between(e.publishedTime(), receivedAt).toMillis();
        boolean isSkewed = Math.abs(skew) > skewThresholdMillis;
        if (isSkewed) {
            skewed++;
        }
        maxSkew = Math.max(maxSkew, Math.abs(skew));
        if (seenIds.put(e.eventId(), Boolean.TRUE) != null) {
            duplicates++;
            return new Arrival(e, receivedAt, true, StreamSeq.Order.REPEAT, 0, skew, isSkewed);
        }
        StreamSeq stream = streams.computeIfAbsent(e.device() + "/" + e.camera(), k -> new StreamSeq(fromOne));
        long missingBefore = stream.missing();
        StreamSeq.Order order = stream.accept(e.seq());
        if (order == StreamSeq.Order.LATE) {
            late++;
        } else if (order == StreamSeq.Order.REPEAT) {
            repeats++;
        }
        long gap = order == StreamSeq.Order.GAP ? stream.missing() - missingBefore : 0;
        return new Arrival(e, receivedAt, false, order, gap, skew, isSkewed);
    }

    /** A message on an events topic that did not decode. */
    public synchronized void invalid() {
        invalid++;
    }

    /** @return true if this changed what the ledger knew about the device (the first report counts as a change) */
    public synchronized boolean availability(String device, String state) {
        String before = availability.put(device, state);
        if (state.equals(before)) {
            return false;
        }
        availabilityChanges++;
        return true;
    }

    public synchronized Summary summary() {
        Map<String, Long> highest = new HashMap<>();
        long missing = 0;
        for (Map.Entry<String, StreamSeq> s : streams.entrySet()) {
            highest.put(s.getKey(), s.getValue().highest());
            missing += s.getValue().missing();
        }
        return new Summary(received, received - duplicates, duplicates, repeats, late, missing, skewed, maxSkew,
                invalid, highest, availability, availabilityChanges);
    }

    /** Still-missing seqs per stream (streams without gaps left out), for the final report. */
    public synchronized Map<String, Long> missingByStream() {
        Map<String, Long> out = new TreeMap<>();
        streams.forEach((k, s) -> {
            if (s.missing() > 0) {
                out.put(k, s.missing());
            }
        });
        return out;
    }
}
