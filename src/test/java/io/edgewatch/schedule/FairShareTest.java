package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FairShareTest {
    private static double[] split(double[] demand, double[] weight, double capacity) {
        double[] out = new double[demand.length];
        FairShare.allocate(demand, weight, capacity, out);
        return out;
    }

    @Test
    void enoughCapacityGivesEveryoneWhatTheyAsk() {
        assertThat(split(new double[] {5, 2, 10}, new double[] {1, 1, 1}, 100)).containsExactly(5, 2, 10);
        assertThat(split(new double[] {5, 2}, new double[] {1, 1}, Double.POSITIVE_INFINITY)).containsExactly(5, 2);
    }

    @Test
    void smallDemandsKeepTheirsAndTheRestIsSplitEvenly() {
        double[] out = split(new double[] {1, 10, 10, 10}, new double[] {1, 1, 1, 1}, 10);
        assertThat(out).containsExactly(new double[] {1, 3, 3, 3}, within(1e-9));
    }

    @Test
    void weightsSetTheProportions() {
        double[] out = split(new double[] {10, 10, 10, 10}, new double[] {1, 1, 2, 4}, 10);
        assertThat(out).containsExactly(new double[] {1.25, 1.25, 2.5, 5}, within(1e-9));
    }

    @Test
    void aHeavyCameraThatAsksLittleLeavesTheRestToOthers() {
        // weight 4 would get 8 of 10, but asks only 2: the others split 8 by weight 1:3.
        double[] out = split(new double[] {2, 10, 10}, new double[] {4, 1, 3}, 10);
        assertThat(out).containsExactly(new double[] {2, 2, 6}, within(1e-9));
    }

    @Test
    void zeroCapacityGivesNothing() {
        assertThat(split(new double[] {1, 2}, new double[] {1, 1}, 0)).containsExactly(0, 0);
    }
}
