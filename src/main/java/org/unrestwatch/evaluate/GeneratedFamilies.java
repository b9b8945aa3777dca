package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Generated count series for the development corpus: shapes a region's protest-related posts take
 * that NAB's series lack, each with labelled surges, four weeks of five-minute windows on a daily
 * rhythm, several seeds. The three shapes that failed on real series the project never saw are
 * here: a quiet region whose news is twenty posts in five minutes, a busy one whose ordinary day
 * has large bursts, and a moderate one whose surges are a few times its usual tail. Labels follow
 * NAB's convention: each surge gets a window of a tenth of the series' length divided by the
 * number of surges, centred on the surge's start.
 */
public final class GeneratedFamilies {
    static final int PER_DAY = 288;
    static final int DAYS = 28;
    private static final long START = java.time.Instant.parse("2026-01-05T00:00:00Z").toEpochMilli(); // a Monday
    private static final long BUCKET_MS = 300_000L;

    /** What a family adds to its smooth mean: per-window noise, routine (unlabelled) bursts, and its labelled surges. */
    private interface Shape {
        /** Fills {@code mean} (already the smooth mean) with this window's noise and routine bursts; returns the labelled surges' starts. */
        List<Integer> apply(double[] mean, double[] smooth, Random r);
    }

    private record Family(String name, IntToDoubleFunction smooth, Shape shape) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("quiet (median 0, 99th percentile 6), modest multi-window surges", i -> 0.8 * daily(i, 0.5), (mean, smooth, r) -> {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] *= gamma(r, 1);
                }
                return surges(mean, r, 3, (at, m) -> {
                    int length = 1 + r.nextInt(6);
                    for (int i = at; i < at + length; i++) {
                        m[i] = 11; // runs of windows at 10-15 posts, one peak near 20, where the usual is 0 or 1
                    }
                    m[at + r.nextInt(length)] = 18;
                });
            }),
            new Family("busy, large routine bursts", i -> 80 * daily(i, 0.6), (mean, smooth, r) -> {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] *= Math.exp(0.3 * r.nextGaussian() - 0.045);
                }
                for (int k = 0; k < 4 * DAYS; k++) { // four a day: 1.5 to 8 times usual for 5-15 minutes
                    int at = r.nextInt(mean.length - 3);
                    double factor = Math.exp(Math.log(3) + 0.5 * r.nextGaussian());
                    int length = 1 + r.nextInt(3);
                    for (int i = at; i < at + length; i++) {
                        mean[i] *= factor;
                    }
                }
                return surges(mean, r, 3, (at, m) -> {
                    for (int i = at; i < at + 3; i++) {
                        m[i] = 15 * smooth[i];
                    }
                });
            }),
            new Family("moderate (negative binomial 15, k = 4), surges at 3x its 99th percentile", i -> 15 * daily(i, 0.6),
                    (mean, smooth, r) -> {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] *= gamma(r, 4);
                        }
                        return surges(mean, r, 3, (at, m) -> {
                            int length = 1 + r.nextInt(2);
                            for (int i = at; i < at + length; i++) {
                                m[i] = 3 * 2.2 * smooth[i]; // a negative binomial's 99th percentile with k = 4 is about 2.2 times its mean
                            }
                        });
                    }),
            new Family("Poisson 3, bursts and a doubling", i -> 3 * daily(i, 0.5), (mean, smooth, r) -> burstsAndDoubling(mean, smooth, r)),
            new Family("negative binomial 20 (k = 2), bursts and a doubling", i -> 20 * daily(i, 0.6), (mean, smooth, r) -> {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] *= gamma(r, 2);
                }
                return burstsAndDoubling(mean, smooth, r);
            }),
            new Family("weekends at 30%, bursts and a doubling", i -> 10 * daily(i, 0.7) * ((i / PER_DAY) % 7 >= 5 ? 0.3 : 1.0),
                    (mean, smooth, r) -> burstsAndDoubling(mean, smooth, r)));

    private GeneratedFamilies() {
    }

    /** Every family, {@code seeds} series each, labelled; each series is its own source. */
    public static List<SeriesScores.Labelled> series(int seeds) {
        List<SeriesScores.Labelled> out = new ArrayList<>();
        for (Family family : FAMILIES) {
            for (int seed = 1; seed <= seeds; seed++) {
                out.add(generate(family, seed));
            }
        }
        return out;
    }

    private static SeriesScores.Labelled generate(Family family, int seed) {
        Random r = new Random(seed * 7919L + family.name().hashCode());
        int n = DAYS * PER_DAY;
        double[] smooth = new double[n];
        for (int i = 0; i < n; i++) {
            smooth[i] = family.smooth().applyAsDouble(i);
        }
        double[] mean = smooth.clone();
        List<Integer> starts = family.shape().apply(mean, smooth, r);
        long[] t = new long[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = START + i * BUCKET_MS;
            v[i] = RandomCounts.poisson(r, mean[i]);
        }
        String name = family.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "") + "#" + seed;
        int half = (int) (0.1 * n / starts.size() / 2);
        List<NabWindows.Window> windows = new ArrayList<>();
        for (int s : starts) {
            windows.add(new NabWindows.Window(t[Math.max(0, s - half)], t[Math.min(n - 1, s + half)]));
        }
        return new SeriesScores.Labelled(new NabSeries(name, t, v), windows, List.of(), "generated: " + family.name(), name);
    }

    /** Writes one surge's means from window {@code at}. */
    private interface Surge {
        void place(int at, double[] mean);
    }

    /** Places {@code count} surges, one in each of as many equal stretches after the first week, at random within it. */
    private static List<Integer> surges(double[] mean, Random r, int count, Surge surge) {
        int from = 7 * PER_DAY;
        int stretch = (mean.length - from - PER_DAY) / count;
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int at = from + k * stretch + stretch / 4 + r.nextInt(stretch / 2);
            surge.place(at, mean);
            starts.add(at);
        }
        return starts;
    }

    /** Two tenfold bursts of three windows and a doubling that lasts three hours. */
    private static List<Integer> burstsAndDoubling(double[] mean, double[] smooth, Random r) {
        List<Integer> starts = surges(mean, r, 3, (at, m) -> { });
        for (int k = 0; k < starts.size(); k++) {
            int at = starts.get(k);
            for (int i = at; i < at + (k == 1 ? 36 : 3); i++) {
                mean[i] = k == 1 ? 2 * mean[i] : 10 * smooth[i]; // the middle one is the doubling
            }
        }
        return starts;
    }

    private static double daily(int i, double amplitude) {
        return Math.exp(amplitude * Math.sin(2 * Math.PI * (i % PER_DAY) / PER_DAY));
    }

    /** Gamma(k, 1/k): mean 1, the mixing that makes a Poisson negative binomial with shape k (k a whole number). */
    private static double gamma(Random r, int k) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum -= Math.log(1 - r.nextDouble());
        }
        return sum / k;
    }
}
