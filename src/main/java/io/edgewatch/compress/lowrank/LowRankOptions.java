package io.edgewatch.compress.lowrank;

import java.util.Objects;
import java.util.Set;

/**
 * Low-rank factorisation settings. Exactly one of {@code energy} / {@code ratio} is positive.
 *
 * @param energy        keep the smallest rank whose singular values hold this fraction of the squared sum (0,1]
 * @param ratio         keep this fraction of the full rank min(rows, cols) (0,1]
 * @param spatial       also factorise k×k convs (W as Cout × Cin·k·k: a k×k conv to r channels, then a 1×1 conv)
 * @param onlyIfSmaller skip a layer when the two factors would hold more parameters than the original
 * @param skipHeadTail  leave the detector head's last weighted layers alone
 * @param exclude       node names never factorised
 */
public record LowRankOptions(double energy, double ratio, boolean spatial, boolean onlyIfSmaller,
                             boolean skipHeadTail, Set<String> exclude) {

    public LowRankOptions {
        if ((energy > 0) == (ratio > 0)) {
            throw new IllegalArgumentException("set exactly one of energy or ratio");
        }
        if (energy > 1 || ratio > 1) {
            throw new IllegalArgumentException("energy and ratio must be in (0,1]");
        }
        exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude must not be null"));
    }

    public static LowRankOptions energy(double e) {
        return new LowRankOptions(e, 0, false, true, true, Set.of());
    }

    public static LowRankOptions ratio(double r) {
        return new LowRankOptions(0, r, false, true, true, Set.of());
    }

    public LowRankOptions withSpatial(boolean s) {
        return new LowRankOptions(energy, ratio, s, onlyIfSmaller, skipHeadTail, exclude);
    }

    public LowRankOptions withOnlyIfSmaller(boolean o) {
        return new LowRankOptions(energy, ratio, spatial, o, skipHeadTail, exclude);
    }

    public LowRankOptions withSkipHeadTail(boolean s) {
        return new LowRankOptions(energy, ratio, spatial, onlyIfSmaller, s, exclude);
    }

    /** Rank to keep given singular values in descending order. */
    public int rank(double[] singular) {
        int full = singular.length;
        if (ratio > 0) {
            return Math.max(1, Math.min(full, (int) Math.ceil(ratio * full)));
        }
        double total = 0;
        for (double s : singular) {
            total += s * s;
        }
        double acc = 0;
        for (int r = 0; r < full; r++) {
            acc += singular[r] * singular[r];
            if (acc >= energy * total * (1 - 1e-12)) {
                return r + 1;
            }
        }
        return full;
    }
}
