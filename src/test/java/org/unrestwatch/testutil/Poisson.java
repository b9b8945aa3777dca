package org.unrestwatch.testutil;

import java.util.Random;

/** Poisson counts for generated series: Knuth's method, in pieces of at most 30 so that exp(-mean) never underflows. */
public final class Poisson {
    private Poisson() {
    }

    public static long sample(Random r, double mean) {
        long n = 0;
        while (mean > 30) {
            n += sample(r, 30);
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
