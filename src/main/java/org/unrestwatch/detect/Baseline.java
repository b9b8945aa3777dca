package org.unrestwatch.detect;

import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * What a region's window count normally is: a deseasonalised level and variance (exponentially
 * weighted), and multiplicative hour-of-day factors. Learns from closed windows only; fixed size
 * (about 300 bytes) however long it runs.
 */
public final class Baseline {
    private static final int HOURS = 24;
    private static final long HOUR_MS = 3_600_000L;

    private long learned;
    private double level;
    private double variance;
    private final double[] seasonal = new double[HOURS];
    private final int[] seasonalSeen = new int[HOURS];
    private long lastLearnedWindow = Long.MIN_VALUE;

    public Baseline() {
        java.util.Arrays.fill(seasonal, 1.0);
    }

    public long learned() {
        return learned;
    }

    public long lastLearnedWindow() {
        return lastLearnedWindow;
    }

    public boolean isWarm(BaselineSettings s) {
        return learned >= s.warmupWindows();
    }

    public double level() {
        return level;
    }

    /** The count a full window starting at {@code windowStart} is expected to hold. */
    public double expected(long windowStart, BaselineSettings s) {
        return Math.max(s.minExpected(), level * factor(hourOf(windowStart), s));
    }

    /**
     * Negative-binomial size for that window: from the excess of the variance over the mean; a
     * series no more variable than Poisson gets an infinite size (Poisson).
     */
    public double dispersion(long windowStart, BaselineSettings s) {
        double f = factor(hourOf(windowStart), s);
        double mean = expected(windowStart, s);
        double var = variance * f * f;
        if (var <= mean * 1.05) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.5, mean * mean / (var - mean));
    }

    public void learn(long windowStart, long count, BaselineSettings s) {
        int hour = hourOf(windowStart);
        double f = factor(hour, s);
        double y = count / f;
        if (learned >= s.warmupWindows()) {
            double sd = Math.sqrt(Math.max(variance, Math.max(level, 1.0)));
            y = Math.min(y, level + s.winsorSigmas() * sd);
        }
        double alpha = Math.max(1.0 / (learned + 1), 2.0 / (s.spanWindows() + 1));
        double diff = y - level;
        level += alpha * diff;
        variance = (1 - alpha) * (variance + alpha * diff * diff);
        if (learned >= s.warmupWindows() && level > 0) {
            double ratio = Math.min(10, count / level);
            double a = Math.max(1.0 / (seasonalSeen[hour] + 1), s.seasonalAlpha());
            seasonal[hour] += a * (ratio - seasonal[hour]);
            seasonalSeen[hour]++;
        }
        learned++;
        lastLearnedWindow = windowStart;
    }

    private double factor(int hour, BaselineSettings s) {
        return seasonalSeen[hour] >= s.seasonalMinDays() * s.windowsPerHour() ? Math.max(0.05, seasonal[hour]) : 1.0;
    }

    private static int hourOf(long windowStart) {
        return (int) Math.floorMod(windowStart / HOUR_MS, (long) HOURS);
    }

    public static final BinaryCodec<Baseline> CODEC = new BinaryCodec<>() {
        private static final int VERSION = 1;

        @Override
        public void write(Baseline b, BinaryWriter out) {
            out.writeByte(VERSION).writeVarLong(b.learned).writeDouble(b.level).writeDouble(b.variance)
                    .writeLong(b.lastLearnedWindow);
            for (int h = 0; h < HOURS; h++) {
                out.writeDouble(b.seasonal[h]).writeVarInt(b.seasonalSeen[h]);
            }
        }

        @Override
        public Baseline read(BinaryReader in) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown Baseline version " + version);
            }
            Baseline b = new Baseline();
            b.learned = in.readVarLong();
            b.level = in.readDouble();
            b.variance = in.readDouble();
            b.lastLearnedWindow = in.readLong();
            for (int h = 0; h < HOURS; h++) {
                b.seasonal[h] = in.readDouble();
                b.seasonalSeen[h] = in.readVarInt();
            }
            return b;
        }

        @Override
        public int sizeHint() {
            return 320;
        }
    };
}
