package org.unrestwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CountTestTest {
    /** Brute-force P[X >= x] from the pmf, for comparison. */
    private static double tail(long x, double mean, double size) {
        double p = size / (size + mean);
        double lower = 0;
        for (long k = 0; k < x; k++) {
            lower += Math.exp(CountTest.logGamma(k + size) - CountTest.logGamma(size) - CountTest.logGamma(k + 1.0)
                    + size * Math.log(p) + k * Math.log1p(-p));
        }
        return 1 - lower;
    }

    @Test
    void poissonTailMatchesKnownValue() {
        // P[X >= 10 | lambda = 2] = 4.6498e-5
        assertEquals(-Math.log10(4.6498e-5), CountTest.surprise(10, 2.0, Double.POSITIVE_INFINITY), 1e-3);
    }

    @Test
    void negativeBinomialTailMatchesBruteForce() {
        assertEquals(-Math.log10(tail(12, 3.0, 2.0)), CountTest.surprise(12, 3.0, 2.0), 1e-6);
        assertEquals(-Math.log10(tail(40, 10.0, 5.0)), CountTest.surprise(40, 10.0, 5.0), 1e-6);
    }

    @Test
    void overDispersionMakesTheSameCountLessSurprising() {
        double poisson = CountTest.surprise(20, 5, Double.POSITIVE_INFINITY);
        double bursty = CountTest.surprise(20, 5, 1.5);
        assertTrue(poisson > 2 * bursty, poisson + " vs " + bursty);
    }

    @Test
    void countsAtOrBelowTheMeanAreNotSurprising() {
        assertEquals(0, CountTest.surprise(3, 3.5, 2));
        assertEquals(0, CountTest.surprise(0, 0.1, 2));
    }

    @Test
    void extremeCountsStayFinite() {
        double s = CountTest.surprise(5000, 2, Double.POSITIVE_INFINITY);
        assertTrue(s > 50 && s <= 99, String.valueOf(s));
    }

    @Test
    void logGammaMatchesFactorials() {
        assertEquals(Math.log(120), CountTest.logGamma(6), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), CountTest.logGamma(0.5), 1e-12);
    }
}
