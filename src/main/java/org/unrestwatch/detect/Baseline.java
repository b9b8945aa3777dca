package org.unrestwatch.detect;

import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * What a region's window count normally is, and how far from normal a count is. The model lives
 * in log space, y = log(count + offset), because social-media volume is multiplicative: a burst
 * that doubles an evening peak is as surprising as one that doubles the night's trickle, and
 * bursts are heavy-tailed. It keeps a level (exponentially weighted), hour-of-day offsets, and two
 * robust scales: the typical absolute residual of one window ({@link #windowScore}) and of the sum
 * over the last {@code sustainedWindows} windows ({@link #sustainedScore}, which sees a build-up
 * that no single window shows). Residuals are clipped before they teach anything,
 * so one burst moves neither level nor scale much. It also keeps the distribution of the two
 * residuals it has seen ({@link ResidualHistory}), against which the region's opening thresholds are
 * calibrated. Fixed size (1.1-2.7 KB serialised on real series, at most about 5 KB) however long it runs.
 */
public final class Baseline {
    private static final int HOURS = 24;
    private static final long HOUR_MS = 3_600_000L;
    /** For normal residuals the standard deviation is about 1.25 times the mean absolute deviation. */
    private static final double SD_PER_MEAN_ABS = 1.25;
    /** Scales never drop below this (in log units), so a perfectly regular series cannot divide by zero. */
    private static final double MIN_SCALE = 0.05;
    /**
     * While a scale is young (still learning at rate 1/n), one residual moves it a lot: its updates
     * are clipped harder, so a build-up in a region with little history does not inflate the scale
     * it is measured against.
     */
    private static final double YOUNG_SCALE_CLIP = 2.5;

    private long learned;
    private long sustainedLearned;
    private double level;
    private double windowScale;
    private double sustainedScale;
    /**
     * The typical sustained residual. It is not zero even on a perfect baseline (the expectation is
     * a sum of per-window geometric means, and a young region's level still carries its first
     * hours), so the sustained test measures from here rather than from zero.
     */
    private double sustainedBias;
    private final double[] seasonal = new double[HOURS];
    private final int[] seasonalSeen = new int[HOURS];
    /** The last closed windows' counts and expectations (a ring), for the sustained test. */
    private long[] recentCounts = new long[0];
    private double[] recentExpected = new double[0];
    private int recentSize;
    private int recentNext;
    private long recentCount;
    private double recentExpectedSum;
    private ResidualHistory windowResiduals = new ResidualHistory();
    private ResidualHistory sustainedResiduals = new ResidualHistory();
    private RunRecords records = new RunRecords();

    public boolean isWarm(BaselineSettings s) {
        return learned >= s.warmupWindows();
    }

    /** Closed windows learned so far. */
    public long learnedWindows() {
        return learned;
    }

    /** The window scale tests divide by (never below the floor that keeps a regular series from dividing by zero). */
    public double windowScaleUsed() {
        return Math.max(windowScale, MIN_SCALE);
    }

    /**
     * Still learning fast (the level is a plain mean of its first {@code spanWindows / 2} windows):
     * a young baseline would absorb a surge within the hour, so it does not learn from windows that
     * already look most of the way to an alert (see {@link SpikeDetector}).
     */
    public boolean isYoung(BaselineSettings s) {
        return learned < s.spanWindows() / 2;
    }

    /** The sustained scale has learned from as many spans as the warm-up asks of single windows. */
    public boolean isSustainedWarm(BaselineSettings s) {
        return sustainedLearned >= s.warmupWindows();
    }

    /** The count a full window starting at {@code windowStart} is expected to hold (floored for ratios). */
    public double expected(long windowStart, BaselineSettings s) {
        return Math.max(s.minExpected(), rawExpected(windowStart, s));
    }

    /** How many scales a window of {@code observed} posts lies above expectation (negative: below). */
    public double windowScore(long windowStart, long observed, BaselineSettings s) {
        return windowResidual(windowStart, observed, s) / Math.max(windowScale, MIN_SCALE);
    }

    /**
     * The same for the sum of the previous closed windows and this one, against the sum of their
     * expectations, in the sustained scale; 0 until that many windows have closed.
     */
    public double sustainedScore(long windowStart, long observed, BaselineSettings s) {
        if (!recentFull(s)) {
            return 0;
        }
        return (sustainedResidual(windowStart, observed, s) - sustainedBias) / Math.max(sustainedScale, MIN_SCALE);
    }

    /** Posts in the previous closed windows of the sustained span. */
    public long recentCount() {
        return recentCount;
    }

    /** Posts expected over the sustained span ending with the window starting at {@code windowStart}. */
    public double sustainedExpected(long windowStart, BaselineSettings s) {
        return recentExpectedSum + rawExpected(windowStart, s);
    }

    /**
     * The region's {@code c.quantile()} of its own recent window residuals, in its current window
     * scales, or NaN while it has fewer than {@code c.minWindows()} of them (see {@link Calibration}).
     */
    public double windowTail(Calibration c) {
        return tail(windowResiduals, windowScale, c);
    }

    /** The same for its sustained residuals, in sustained scales. */
    public double sustainedTail(Calibration c) {
        return tail(sustainedResiduals, sustainedScale, c);
    }

    private static double tail(ResidualHistory h, double scale, Calibration c) {
        return h.samples() < Math.max(1, c.minWindows()) ? Double.NaN : h.quantile(c.quantile()) / Math.max(scale, MIN_SCALE);
    }

    /**
     * Of the runs ending with an open window of {@code observed} posts, the one furthest above the
     * region's record for its length ({@link Novelty}); its score is NaN while the region has too
     * little history to say.
     */
    public Novelty.Run mostNovelRun(long observed, Novelty n, BaselineSettings s) {
        Novelty.Run most = null;
        for (int i = 0; i < n.spans().length; i++) {
            Novelty.Run run = records.run(i, observed, n, s.countOffset());
            if (most == null || !most.known() || run.known() && run.score() > most.score()) {
                most = run;
            }
        }
        return most;
    }

    /** The run of the {@code spanIndex}-th span alone (for tests). */
    Novelty.Run run(int spanIndex, long observed, Novelty n, BaselineSettings s) {
        return records.run(spanIndex, observed, n, s.countOffset());
    }

    /**
     * The closed window joins the runs (see {@link RunRecords}): {@code inStory} (a story was open
     * as it closed and is not yet a new level) and {@code openedIt} (that story opened in it),
     * {@code storyOpen} after its verdict.
     */
    public void closeRuns(long count, boolean inStory, boolean openedIt, boolean storyOpen, Novelty n) {
        RunRecords.Learn learn = !inStory ? RunRecords.Learn.YES : openedIt ? RunRecords.Learn.IF_STORY_OVER : RunRecords.Learn.NEVER;
        records.close(count, learn, storyOpen, n);
    }

    /**
     * Remembers the scores a closing window got (before {@link #close}, so in the scales they were
     * given in), once each test is warm, as residuals: every window counts, alerting or not, as in
     * an anomaly likelihood, so that a region whose surges are frequent learns that they are.
     */
    public void rememberScores(double windowScore, double sustainedScore, Calibration c, BaselineSettings s) {
        if (isWarm(s)) {
            windowResiduals.add(windowScore * Math.max(windowScale, MIN_SCALE), c.spanWindows());
        }
        if (isSustainedWarm(s) && recentFull(s)) {
            sustainedResiduals.add(sustainedScore * Math.max(sustainedScale, MIN_SCALE), c.spanWindows());
        }
    }

    /**
     * A window closed with {@code count} posts: it joins the recent windows, and when
     * {@code learn} (no alert open, so a long surge does not become the new normal) it teaches
     * level, hour-of-day offsets and scales. Must be called for every window, empty ones too, in order.
     */
    public void close(long windowStart, long count, boolean learn, BaselineSettings s) {
        double residual = windowResidual(windowStart, count, s);
        boolean sustainedReady = recentFull(s);
        double sustainedResidual = sustainedReady ? sustainedResidual(windowStart, count, s) - sustainedBias : 0;
        remember(count, rawExpected(windowStart, s), s);
        if (!learn) {
            return;
        }
        boolean warm = isWarm(s);
        double k = learned + 1;
        double y = Math.log(count + s.countOffset());
        if (learned == 0) {
            level = y;
        } else {
            level += Math.max(1 / k, 2.0 / (s.spanWindows() + 1)) * (warm ? clip(residual, windowScale, s) : residual);
        }
        int hour = hourOf(windowStart);
        double d = y - level;
        if (seasonalSeen[hour] > 0) {
            d = seasonal[hour] + clip(d - seasonal[hour], windowScale, s);
        }
        seasonal[hour] += Math.max(1.0 / (seasonalSeen[hour] + 1), s.seasonalAlpha() / s.windowsPerHour()) * (d - seasonal[hour]);
        seasonalSeen[hour]++;
        if (learned > 0) { // the first window had no expectation to be a residual of
            windowScale = learnScale(windowScale, residual, learned - 1, warm, s);
        }
        if (sustainedReady) {
            boolean sustainedWarm = isSustainedWarm(s);
            double clipped = sustainedWarm ? clip(sustainedResidual, sustainedScale, s) : sustainedResidual;
            sustainedBias += scaleRate(sustainedLearned, s) * clipped;
            sustainedScale = learnScale(sustainedScale, sustainedResidual, sustainedLearned, sustainedWarm, s);
            sustainedLearned++;
        }
        learned++;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Baseline[learned=%d, level=%.3f, windowScale=%.3f, sustainedScale=%.3f, sustainedBias=%.3f (%d learned)]",
                learned, level, windowScale, sustainedScale, sustainedBias, sustainedLearned);
    }

    private static double clip(double residual, double scale, BaselineSettings s) {
        double bound = s.clipScales() * scale;
        return Math.max(-bound, Math.min(bound, residual));
    }

    /** Learning rate of scales: a plain mean over the first samples, then the long memory. */
    private static double scaleRate(long samples, BaselineSettings s) {
        return Math.max(1.0 / (samples + 1), longScaleRate(s));
    }

    private static double longScaleRate(BaselineSettings s) {
        return 2.0 / (s.scaleSpanWindows() + 1);
    }

    /** One step of 1.25 x the exponentially weighted mean absolute residual. */
    private static double learnScale(double scale, double residual, long samples, boolean warm, BaselineSettings s) {
        double rate = scaleRate(samples, s);
        double clip = rate > longScaleRate(s) ? Math.min(s.clipScales(), YOUNG_SCALE_CLIP) : s.clipScales();
        double abs = warm ? Math.min(Math.abs(residual), clip * scale) : Math.abs(residual);
        return scale + rate * (SD_PER_MEAN_ABS * abs - scale);
    }

    private double logExpected(long windowStart, BaselineSettings s) {
        int hour = hourOf(windowStart);
        boolean seasonalKnown = seasonalSeen[hour] >= s.seasonalMinDays() * s.windowsPerHour();
        return level + (seasonalKnown ? seasonal[hour] : 0);
    }

    private double rawExpected(long windowStart, BaselineSettings s) {
        return Math.max(0, Math.exp(logExpected(windowStart, s)) - s.countOffset());
    }

    private double windowResidual(long windowStart, long observed, BaselineSettings s) {
        return Math.log(observed + s.countOffset()) - logExpected(windowStart, s);
    }

    private double sustainedResidual(long windowStart, long observed, BaselineSettings s) {
        return Math.log(recentCount + observed + s.countOffset())
                - Math.log(recentExpectedSum + rawExpected(windowStart, s) + s.countOffset());
    }

    private boolean recentFull(BaselineSettings s) {
        return recentSize == s.sustainedWindows() - 1;
    }

    private void remember(long count, double expected, BaselineSettings s) {
        int capacity = s.sustainedWindows() - 1;
        if (recentCounts.length != capacity) {
            // First use, or the sustained span was reconfigured: start the ring afresh.
            recentCounts = new long[capacity];
            recentExpected = new double[capacity];
            recentSize = recentNext = 0;
            recentCount = 0;
            recentExpectedSum = 0;
        }
        if (capacity == 0) {
            return;
        }
        if (recentSize == capacity) {
            recentCount -= recentCounts[recentNext];
            recentExpectedSum -= recentExpected[recentNext];
        } else {
            recentSize++;
        }
        recentCounts[recentNext] = count;
        recentExpected[recentNext] = expected;
        recentCount += count;
        recentExpectedSum += expected;
        recentNext = (recentNext + 1) % capacity;
    }

    private static int hourOf(long windowStart) {
        return (int) Math.floorMod(windowStart / HOUR_MS, (long) HOURS);
    }

    public static final BinaryCodec<Baseline> CODEC = new BinaryCodec<>() {
        /**
         * Version 1 was the linear-scale model; its state cannot be converted and is relearned.
         * Version 2 had no score histories: they start empty. Version 3 had histories of scores in
         * scales rather than residuals: converted at the scales read. Version 4 had no run records:
         * they start empty, and the count tests alone decide until they have a day of history.
         */
        private static final int VERSION = 5;
        private static final double V3_SCORE_BIN = 0.05;

        @Override
        public void write(Baseline b, BinaryWriter out) {
            out.writeByte(VERSION).writeVarLong(b.learned).writeVarLong(b.sustainedLearned).writeDouble(b.level).writeDouble(b.windowScale)
                    .writeDouble(b.sustainedScale).writeDouble(b.sustainedBias);
            for (int h = 0; h < HOURS; h++) {
                out.writeDouble(b.seasonal[h]).writeVarInt(b.seasonalSeen[h]);
            }
            out.writeVarInt(b.recentCounts.length).writeVarInt(b.recentSize).writeVarInt(b.recentNext);
            for (int i = 0; i < b.recentCounts.length; i++) {
                out.writeVarLong(b.recentCounts[i]).writeDouble(b.recentExpected[i]);
            }
            b.windowResiduals.write(out);
            b.sustainedResiduals.write(out);
            b.records.write(out);
        }

        @Override
        public Baseline read(BinaryReader in) {
            int version = in.readByte();
            Baseline b = new Baseline();
            if (version == 1) {
                return b;
            }
            if (version < 2 || version > VERSION) {
                throw new IllegalStateException("unknown Baseline version " + version);
            }
            b.learned = in.readVarLong();
            b.sustainedLearned = in.readVarLong();
            b.level = in.readDouble();
            b.windowScale = in.readDouble();
            b.sustainedScale = in.readDouble();
            b.sustainedBias = in.readDouble();
            for (int h = 0; h < HOURS; h++) {
                b.seasonal[h] = in.readDouble();
                b.seasonalSeen[h] = in.readVarInt();
            }
            int capacity = in.readVarInt();
            b.recentSize = in.readVarInt();
            b.recentNext = in.readVarInt();
            b.recentCounts = new long[capacity];
            b.recentExpected = new double[capacity];
            for (int i = 0; i < capacity; i++) {
                b.recentCounts[i] = in.readVarLong();
                b.recentExpected[i] = in.readDouble();
                if (i < b.recentSize) {
                    b.recentCount += b.recentCounts[i];
                    b.recentExpectedSum += b.recentExpected[i];
                }
            }
            if (version == 3) {
                // Scores in scales (bins of 0.05): residuals at today's scales, near enough to keep thresholds calibrated.
                b.windowResiduals = ResidualHistory.fromScores(ResidualHistory.read(in), V3_SCORE_BIN, Math.max(b.windowScale, MIN_SCALE));
                b.sustainedResiduals = ResidualHistory.fromScores(ResidualHistory.read(in), V3_SCORE_BIN, Math.max(b.sustainedScale, MIN_SCALE));
            } else if (version >= 4) {
                b.windowResiduals = ResidualHistory.read(in);
                b.sustainedResiduals = ResidualHistory.read(in);
            }
            if (version == VERSION) {
                b.records = RunRecords.read(in);
            }
            return b;
        }

        @Override
        public int sizeHint() {
            return 560 + 2 * ResidualHistory.sizeHint() + 700;
        }
    };
}
