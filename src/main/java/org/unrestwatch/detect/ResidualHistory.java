package org.unrestwatch.detect;

import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * The distribution of one test's recent residuals in one region, for its own opening threshold:
 * an exponentially decayed histogram of log(observed) - log(expected) (bins of {@value #BIN} from 0
 * to {@value #TOP}, a factor of about 150; one bin for everything below 0 and one for everything
 * above), so that an old residual's weight halves about every {@code span * ln 2} windows. Fixed
 * size, one multiply-add per bin per closed window.
 *
 * <p>This is the anomaly-likelihood idea (Numenta's HTM detectors): judge a window against the
 * region's own recent ones, so that a region whose bursts are routine asks more before it alerts
 * and a quiet, regular one asks less. It keeps residuals, not scores in scales: a scale that keeps
 * shrinking (a region silent between identical spikes) would make the same spike score higher and
 * higher, always above a tail of scores it had itself pushed up; its residual stays the same.
 */
final class ResidualHistory {
    static final double BIN = 0.02;
    static final double TOP = 5.0;
    private static final int BINS = (int) Math.round(TOP / BIN);

    /** [0] below zero, [1..BINS] the bins, [BINS + 1] at or above TOP. */
    private final double[] weight = new double[BINS + 2];
    private double total;
    private long samples;
    /**
     * The last quantile asked for and its value: assessments ask at every tick that brings posts,
     * the histogram changes once per closed window. Not stored; recomputed after a restore.
     */
    private double cachedQ = Double.NaN;
    private double cachedQuantile;

    /** Adds a residual (NaN, which no test gives, is ignored); every earlier one decays by {@code 1 - 1/span}. */
    void add(double score, int span) {
        if (Double.isNaN(score)) {
            return;
        }
        double keep = 1.0 - 1.0 / span;
        for (int i = 0; i < weight.length; i++) {
            weight[i] *= keep;
        }
        total = total * keep + 1;
        weight[binOf(score)] += 1;
        samples++;
        cachedQ = Double.NaN;
    }

    /** Residuals added so far (not decayed). */
    long samples() {
        return samples;
    }

    /**
     * The residual that at most a share {@code 1 - q} of the recent weight exceeds, rounded up to its
     * bin's upper edge (a region's threshold errs high, not low); {@link #TOP} when the tail lies
     * beyond the histogram, 0 when it lies below zero.
     */
    double quantile(double q) {
        if (q != cachedQ) {
            cachedQuantile = computeQuantile(q);
            cachedQ = q;
        }
        return cachedQuantile;
    }

    private double computeQuantile(double q) {
        double allowed = (1 - q) * total;
        double above = weight[BINS + 1];
        if (above > allowed) {
            return TOP;
        }
        for (int i = BINS; i >= 1; i--) {
            above += weight[i];
            if (above > allowed) {
                return i * BIN;
            }
        }
        return 0;
    }

    private static int binOf(double score) {
        if (score < 0) {
            return 0;
        }
        return score >= TOP ? BINS + 1 : 1 + (int) (score / BIN);
    }

    /** Only the bins that hold weight (residuals cluster near zero): about 1 KB, not 3. */
    void write(BinaryWriter out) {
        int used = 0;
        for (double w : weight) {
            used += w != 0 ? 1 : 0;
        }
        out.writeVarLong(samples).writeDouble(total).writeVarInt(used);
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] != 0) {
                out.writeVarInt(i).writeDouble(weight[i]);
            }
        }
    }

    /**
     * A histogram of scores in scales (bins of {@code scoreBin}, as Baseline version 3 kept them)
     * turned into one of residuals at today's {@code scale}: each bin's upper edge times the scale.
     * Approximate (a score's own scale was that of its day), but a region keeps a calibrated
     * threshold across the upgrade instead of falling back to the fixed ones for a day.
     */
    static ResidualHistory fromScores(ResidualHistory scores, double scoreBin, double scale) {
        ResidualHistory h = new ResidualHistory();
        h.samples = scores.samples;
        h.total = scores.total;
        for (int i = 0; i < scores.weight.length; i++) {
            if (scores.weight[i] != 0) {
                h.weight[i == 0 ? 0 : binOf(i * scoreBin * scale - 1e-12)] += scores.weight[i];
            }
        }
        return h;
    }

    static ResidualHistory read(BinaryReader in) {
        ResidualHistory h = new ResidualHistory();
        h.samples = in.readVarLong();
        h.total = in.readDouble();
        int used = in.readVarInt();
        for (int i = 0; i < used; i++) {
            int bin = in.readVarInt();
            if (bin < 0 || bin >= h.weight.length) {
                throw new IllegalStateException("score histogram bin " + bin + " out of range");
            }
            h.weight[bin] = in.readDouble();
        }
        return h;
    }

    /** Bytes {@link #write} typically takes (about a hundred bins in use; the writer grows if needed). */
    static int sizeHint() {
        return 1_100;
    }
}
