package org.unrestwatch.detect;

/**
 * The count-aware significance test: how surprising is seeing at least {@code observed} events when
 * a window is expected to hold {@code mean}, with over-dispersion {@code size} (negative binomial,
 * variance = mean + mean^2 / size; size = infinity is Poisson). Returns the surprise as
 * -log10(P[X >= observed]), so 6 means "one in a million". Plain z-scores overstate small counts
 * (a jump from 0.5 to 3 posts is "5 sigma") and understate bursty ones; this does neither.
 */
public final class CountTest {
    private static final double POISSON_SIZE = 1e6;
    private static final double MAX_SCORE = 99;

    private CountTest() {
    }

    public static double surprise(long observed, double mean, double size) {
        if (observed <= 0 || observed <= mean) {
            return 0;
        }
        mean = Math.max(mean, 1e-9);
        double log10Tail = logUpperTail(observed, mean, size) / Math.log(10);
        return Math.min(MAX_SCORE, Math.max(0, -log10Tail));
    }

    /** Natural log of P[X >= x], summed upward from x where terms only shrink (x > mean). */
    static double logUpperTail(long x, double mean, double size) {
        boolean poisson = !(size < POISSON_SIZE);
        double logPmf;
        if (poisson) {
            logPmf = x * Math.log(mean) - mean - logGamma(x + 1.0);
        } else {
            double p = size / (size + mean);
            logPmf = logGamma(x + size) - logGamma(size) - logGamma(x + 1.0)
                    + size * Math.log(p) + x * Math.log1p(-p);
        }
        // Sum of term ratios: t(k+1)/t(k) = mean/(k+1) (Poisson) or (k+size)/(k+1) * (1-p).
        double q = poisson ? 0 : mean / (size + mean);
        double sum = 1;
        double term = 1;
        for (long k = x; k < x + 1_000_000; k++) {
            double ratio = poisson ? mean / (k + 1) : (k + size) / (k + 1) * q;
            term *= ratio;
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return logPmf + Math.log(sum);
    }

    /** Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for x > 0. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7
    };
}
