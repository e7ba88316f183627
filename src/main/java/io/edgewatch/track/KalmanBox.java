package io.edgewatch.track;

/**
 * Constant-velocity Kalman filter of a box (SORT-style motion model) in normalised frame coordinates and seconds.
 * The state is centre x, centre y, width and height, each with its velocity; with diagonal process and measurement
 * noise the 8-state filter splits exactly into four independent 2-state filters, which is what this runs. Noise
 * scales with the box size, so a far-away (small) and a near (large) person are tracked alike.
 */
final class KalmanBox {
    /** Measurement noise (std) as a fraction of the box size. */
    private static final double MEASURE_STD = 0.05;
    /** Process noise: acceleration std in box sizes per second squared. */
    private static final double ACCEL_STD = 1.0;
    /** Initial velocity std in box sizes per second (unknown at the first sighting). */
    private static final double VELOCITY_STD = 2.0;

    private final Axis[] axes = new Axis[4];

    KalmanBox(double x1, double y1, double x2, double y2) {
        double[] z = measurement(x1, y1, x2, y2);
        double scale = size(z);
        for (int i = 0; i < 4; i++) {
            axes[i] = new Axis(z[i], scale);
        }
    }

    /** Advances the state by {@code dtSeconds} (no-op for dt <= 0). */
    void predict(double dtSeconds) {
        if (dtSeconds <= 0) {
            return;
        }
        double scale = Math.max(axes[2].p, axes[3].p);
        for (Axis a : axes) {
            a.predict(dtSeconds, scale);
        }
    }

    /** Corrects the state with a measured box. */
    void update(double x1, double y1, double x2, double y2) {
        double[] z = measurement(x1, y1, x2, y2);
        double r = MEASURE_STD * size(z);
        for (int i = 0; i < 4; i++) {
            axes[i].update(z[i], r * r);
        }
    }

    /** The box the state predicts {@code dtSeconds} after the current state, as x1, y1, x2, y2. */
    double[] boxAfter(double dtSeconds) {
        double dt = Math.max(0, dtSeconds);
        double cx = axes[0].p + axes[0].v * dt;
        double cy = axes[1].p + axes[1].v * dt;
        double w = Math.max(1e-4, axes[2].p + axes[2].v * dt);
        double h = Math.max(1e-4, axes[3].p + axes[3].v * dt);
        return new double[] {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    }

    /** Velocity of the centre in frame widths/heights per second. */
    double[] velocity() {
        return new double[] {axes[0].v, axes[1].v};
    }

    private static double[] measurement(double x1, double y1, double x2, double y2) {
        return new double[] {(x1 + x2) / 2, (y1 + y2) / 2, Math.abs(x2 - x1), Math.abs(y2 - y1)};
    }

    private static double size(double[] z) {
        return Math.max(0.01, Math.max(z[2], z[3]));
    }

    /** Position/velocity filter of one coordinate with its 2x2 covariance. */
    private static final class Axis {
        double p;
        double v;
        double pp;
        double pv;
        double vv;

        Axis(double z, double scale) {
            p = z;
            double r = MEASURE_STD * scale;
            pp = r * r;
            vv = (VELOCITY_STD * scale) * (VELOCITY_STD * scale);
        }

        void predict(double dt, double scale) {
            p += v * dt;
            double q = (ACCEL_STD * scale) * (ACCEL_STD * scale);
            double npp = pp + 2 * dt * pv + dt * dt * vv + q * dt * dt * dt * dt / 4;
            double npv = pv + dt * vv + q * dt * dt * dt / 2;
            vv = vv + q * dt * dt;
            pp = npp;
            pv = npv;
        }

        void update(double z, double rr) {
            double s = pp + rr;
            double kp = pp / s;
            double kv = pv / s;
            double y = z - p;
            p += kp * y;
            v += kv * y;
            double npp = (1 - kp) * pp;
            double npv = (1 - kp) * pv;
            vv = vv - kv * pv;
            pp = npp;
            pv = npv;
        }
    }
}
