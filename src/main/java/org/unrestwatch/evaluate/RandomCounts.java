package org.unrestwatch.evaluate;

import java.util.Random;

/** Random counts for thinned and generated series. */
public final class RandomCounts {
    private RandomCounts() {
    }

    /**
     * Binomial(n, p): exact (n Bernoulli draws) up to a thousand trials; beyond, Poisson(np) while
     * np is under 100 (a fiftieth of a busy bucket: the skewed tail matters there), the normal
     * approximation (rounded, within [0, n]) above, where its error is far below the series' own noise.
     */
    public static long binomial(Random r, long n, double p) {
        if (n <= 1_000) {
            long k = 0;
            for (long i = 0; i < n; i++) {
                k += r.nextDouble() < p ? 1 : 0;
            }
            return k;
        }
        double mean = n * p;
        if (mean < 100) {
            return Math.min(n, poisson(r, mean));
        }
        long k = Math.round(mean + Math.sqrt(mean * (1 - p)) * r.nextGaussian());
        return Math.max(0, Math.min(n, k));
    }

    /** Poisson(mean): Knuth's method, in pieces of at most 30 so that exp(-mean) never underflows. */
    public static long poisson(Random r, double mean) {
        long n = 0;
        while (mean > 30) {
            n += poisson(r, 30);
            mean -= 30;
        }
        double l = Math.exp(-mean);
        double p = 1;
        long k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return n + k - 1;
    }
}
