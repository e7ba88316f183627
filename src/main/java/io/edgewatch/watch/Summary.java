package io.edgewatch.watch;

import java.util.Map;

/**
 * Totals of a watch run so far.
 *
 * @param received      event messages received, repeats included
 * @param unique        distinct event ids
 * @param duplicates    messages whose event_id had been seen (redeliveries)
 * @param repeats       a seq seen again under a different event_id (the box reused a seq: should not happen)
 * @param late          arrivals that filled an earlier gap (out of order)
 * @param missing       seqs skipped and still not received, over all streams: the gaps
 * @param skewed        events whose published_time differed from the receipt time by more than the threshold
 * @param maxSkewMillis largest |receipt − published_time| seen
 * @param invalid       messages on an events topic that were not a valid event
 * @param highestSeq    highest seq per device/camera
 * @param availability  last availability per device (online/offline)
 * @param availabilityChanges availability messages that changed a device's state
 */
public record Summary(long received, long unique, long duplicates, long repeats, long late, long missing,
                      long skewed, long maxSkewMillis, long invalid, Map<String, Long> highestSeq,
                      Map<String, String> availability, long availabilityChanges) {
    public Summary {
        highestSeq = Map.copyOf(highestSeq);
        availability = Map.copyOf(availability);
    }

    public boolean sawGap() {
        return missing > 0;
    }
}
