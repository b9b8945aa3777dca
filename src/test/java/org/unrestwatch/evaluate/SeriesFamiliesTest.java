package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;

/**
 * Series the detector was never configured on, of the shapes a region's protest-related posts
 * take: Poisson at a few or many posts per window, overdispersed (negative binomial), heavy-tailed
 * (log-normal), self-exciting (retweet cascades), a weekday/weekend rhythm, a month-long growth;
 * all on a daily rhythm, eight weeks each, three seeds. Into each, after two weeks of learning,
 * go two tenfold bursts of three windows and one doubling that lasts three hours. With the shipped
 * defaults every burst of at least 20 expected posts per window must open an alert while it lasts
 * (below {@code detect.min.volume} none can), and ordinary variation must open fewer than one
 * alert in five weeks per family. Measured and printed (docs/detection.md), not asserted, where
 * the method is weakest: the doublings; bursts on a weekend night when weekdays are three times
 * busier (the baseline has hour-of-day offsets, not day-of-week ones); and a family of routine
 * short bursts, which the sustained test keeps alerting on.
 */
class SeriesFamiliesTest {
    private static final int PER_DAY = 288;
    private static final int DAYS = 56;
    private static final int LEARN = 14 * PER_DAY;
    private static final long START = java.time.Instant.parse("2026-01-05T00:00:00Z").toEpochMilli(); // a Monday
    private static final int SEEDS = 3;
    private final OnlineEvaluator evaluator = new OnlineEvaluator(FileRulesSource.rulesFrom(DetectorConfig.of(Path.of("config"), Map.of())));

    /** A family: the smooth mean of window i, and a random factor on it per window (1 for plain Poisson). */
    private record Family(String name, java.util.function.IntToDoubleFunction mean, java.util.function.ToDoubleFunction<Random> noise,
                          boolean burstsAsserted, boolean noiseAsserted) {
    }

    private static final java.util.function.ToDoubleFunction<Random> POISSON = r -> 1.0;

    private static double daily(int i, double amplitude) {
        return Math.exp(amplitude * Math.sin(2 * Math.PI * (i % PER_DAY) / PER_DAY));
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("Poisson, 3 per window", i -> 3 * daily(i, 0.5), POISSON, true, true),
            new Family("Poisson, 50 per window", i -> 50 * daily(i, 0.6), POISSON, true, true),
            new Family("negative binomial, 20 (k = 2)", i -> 20 * daily(i, 0.6), SeriesFamiliesTest::gamma2, true, true),
            new Family("log-normal noise, 15 (sigma 0.5)", i -> 15 * daily(i, 0.6), r -> Math.exp(0.5 * r.nextGaussian() - 0.125), true, true),
            new Family("weekends at 30%, 10", i -> 10 * daily(i, 0.7) * ((i / PER_DAY) % 7 >= 5 ? 0.3 : 1.0), POISSON, false, true),
            new Family("growing: doubles in 8 weeks, 20", i -> 20 * daily(i, 0.6) * Math.pow(2, (double) i / (DAYS * PER_DAY)), POISSON, true, true),
            new Family("routine 3x bursts of 15 min, 3 a day, 30", i -> 30 * daily(i, 0.6), POISSON, false, false));

    @Test
    void burstsOpenAndOrdinaryVariationDoesNot() {
        Map<String, int[]> table = new LinkedHashMap<>(); // noise alerts, bursts opened, bursts, rises opened, rises
        List<String> missed = new ArrayList<>();
        for (Family family : FAMILIES) {
            int[] row = new int[5];
            for (int seed = 1; seed <= SEEDS; seed++) {
                Random r = new Random(seed * 31L + family.name().hashCode());
                double[] mean = means(family, r);
                double[] smooth = new double[mean.length];
                for (int i = 0; i < mean.length; i++) {
                    smooth[i] = family.mean().applyAsDouble(i);
                }
                int[] bursts = {LEARN + 2 * PER_DAY + r.nextInt(8 * PER_DAY), LEARN + 12 * PER_DAY + r.nextInt(8 * PER_DAY)};
                int rise = LEARN + 24 * PER_DAY + r.nextInt(8 * PER_DAY);
                for (int b : bursts) {
                    for (int i = b; i < b + 3; i++) {
                        mean[i] = 10 * smooth[i]; // ten times the usual, whatever this window's noise would have been
                    }
                }
                for (int i = rise; i < rise + 36; i++) {
                    mean[i] *= 2;
                }
                long[] v = new long[mean.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = RandomCounts.poisson(r, mean[i]);
                }
                OnlineEvaluator.Row[] rows = run(v);
                boolean[] alert = alerts(rows);
                boolean[] excused = new boolean[v.length]; // an anomaly and the three hours after it
                for (int b : bursts) {
                    boolean opened = any(alert, b, b + 3);
                    row[1] += opened ? 1 : 0;
                    row[2]++;
                    // Below detect.min.volume (15) a burst cannot open by design: judged only from 20 expected posts.
                    if (!opened && family.burstsAsserted() && 10 * smooth[b] >= 20) {
                        missed.add(family.name() + " seed " + seed + " at window " + b + ": counts "
                                + java.util.Arrays.toString(java.util.Arrays.copyOfRange(v, b, b + 3)) + ", scores (8 = opens) "
                                + java.util.Arrays.toString(java.util.Arrays.stream(java.util.Arrays.copyOfRange(rows, b, b + 3))
                                        .mapToDouble(x -> Math.round(x.anomalyScore() * 160) / 10.0).toArray()));
                    }
                    java.util.Arrays.fill(excused, b, b + 3 + 36, true);
                }
                row[3] += any(alert, rise, rise + 36 + 6) ? 1 : 0;
                row[4]++;
                java.util.Arrays.fill(excused, rise, rise + 36 + 36, true);
                for (int i = LEARN; i < v.length; i++) {
                    row[0] += alert[i] && !excused[i] ? 1 : 0;
                }
            }
            table.put(family.name(), row);
        }
        double weeks = SEEDS * (DAYS - 14) / 7.0;
        StringBuilder sb = new StringBuilder("| family | alerts per week of ordinary variation | tenfold bursts opened | 3-hour doublings opened |\n|---|---:|---:|---:|\n");
        table.forEach((name, row) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f | %d/%d | %d/%d |%n", name, row[0] / weeks,
                row[1], row[2], row[3], row[4])));
        System.out.println(sb);
        assertEquals(List.of(), missed, "tenfold bursts that opened nothing while they lasted");
        for (Family family : FAMILIES) {
            if (family.noiseAsserted()) {
                assertTrue(table.get(family.name())[0] / weeks < 0.2, family.name() + ": " + table.get(family.name())[0]
                        + " alerts in " + weeks + " weeks of ordinary variation");
            }
        }
    }

    /**
     * One protest must not make its region deaf: the calibration counts a story once, so a second
     * wave two days after a two-hour protest scores nearly what it would have without the first (it
     * lifts the region's tail by one window, no more) and opens in most seeds. Found by review:
     * counting every window of the story raised the region's threshold from 5 to 10 for about three
     * weeks, and a second wave then opened in 5 of 10 seeds instead of 9. Since thresholds follow
     * residuals (issue #16) they are no longer clamped flat, so the one window can show in the
     * score (compared unclamped); with the shipped margin all ten waves open.
     */
    @Test
    void aSecondWaveScoresNearlyAsItWouldHaveWithoutTheFirst() {
        List<String> deafened = new ArrayList<>();
        int opened = 0;
        for (int seed = 1; seed <= 10; seed++) {
            int first = 7 * PER_DAY + 150;
            int second = 9 * PER_DAY + 120 + 7 * seed;
            OnlineEvaluator.Row[] withFirst = secondWave(seed, first, second, true);
            OnlineEvaluator.Row[] withoutFirst = secondWave(seed, first, second, false);
            boolean openedWith = any(alerts(withFirst), second, second + 3);
            opened += openedWith ? 1 : 0;
            if (!openedWith && any(alerts(withoutFirst), second, second + 3)) {
                deafened.add("seed " + seed + ": opened only without the first protest");
            }
            double with = maxScore(withFirst, second, second + 3);
            double without = maxScore(withoutFirst, second, second + 3);
            if (with < 0.8 * without) {
                deafened.add(String.format(Locale.ROOT, "seed %d: %.2f after the protest, %.2f without", seed, with, without));
            }
        }
        System.out.printf("second waves opened after a first protest: %d of 10%n", opened);
        assertEquals(List.of(), deafened, "second waves the first protest kept shut or cut by more than a fifth");
        assertTrue(opened >= 8, "second waves opened: " + opened);
    }

    private static boolean[] alerts(OnlineEvaluator.Row[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].alert();
        }
        return out;
    }

    private static double maxScore(OnlineEvaluator.Row[] rows, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, rows[i].openingScore());
        }
        return max;
    }

    /**
     * A region that becomes permanently busier (threefold, say a new source of posts) opens one
     * story, which must resolve once the baseline has followed the new level, so that a burst a
     * week later opens a story of its own. Found by trying it: the baseline stayed frozen while
     * the story was open, the story never resolved and the burst was only an UPDATED of it.
     */
    @Test
    void aPermanentShiftResolvesAndALaterBurstOpensItsOwnStory() {
        List<String> failures = new ArrayList<>();
        for (int seed = 1; seed <= 5; seed++) {
            Random r = new Random(seed);
            int shift = 10 * PER_DAY;
            int burst = 17 * PER_DAY + 100;
            long[] v = new long[21 * PER_DAY];
            for (int i = 0; i < v.length; i++) {
                double mean = 40 * daily(i, 0.6) * (i >= shift ? 3 : 1) * (i >= burst && i < burst + 3 ? 20 : 1);
                v[i] = RandomCounts.poisson(r, mean);
            }
            OnlineEvaluator.Row[] rows = run(v);
            boolean[] alert = alerts(rows);
            if (!any(alert, burst, burst + 3)) {
                failures.add("seed " + seed + ": the burst a week after the shift opened no story (shift opened: "
                        + any(alert, shift, shift + PER_DAY) + ")");
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Poisson around 30 a window; a fivefold protest of two hours at {@code first} if asked; threefold for 15 minutes at {@code second}. */
    private OnlineEvaluator.Row[] secondWave(int seed, int first, int second, boolean firstProtest) {
        // Separate streams, so that both runs see the same noise and the same second wave.
        Random noise = new Random(seed);
        Random protest = new Random(1000 + seed);
        Random wave = new Random(2000 + seed);
        long[] v = new long[11 * PER_DAY];
        for (int i = 0; i < v.length; i++) {
            double mean = 30 * daily(i, 0.6);
            long ordinary = RandomCounts.poisson(noise, mean);
            long protesting = RandomCounts.poisson(protest, 5 * mean);
            long waving = RandomCounts.poisson(wave, 3 * mean);
            v[i] = firstProtest && i >= first && i < first + 24 ? protesting : i >= second && i < second + 3 ? waving : ordinary;
        }
        return run(v);
    }

    /** Each window's mean: the family's smooth mean times its noise; the routine-bursts family adds its bursts. */
    private static double[] means(Family family, Random r) {
        double[] mean = new double[DAYS * PER_DAY];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = family.mean().applyAsDouble(i) * family.noise().applyAsDouble(r);
        }
        if (!family.noiseAsserted()) {
            for (int k = 0; k < 3 * DAYS; k++) {
                int at = r.nextInt(mean.length - 3);
                for (int i = at; i < at + 3; i++) {
                    mean[i] *= 3;
                }
            }
        }
        return mean;
    }

    private OnlineEvaluator.Row[] run(long[] v) {
        long[] t = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = START + i * 300_000L;
        }
        return evaluator.run(new NabSeries("family", t, v));
    }

    private static boolean any(boolean[] a, int from, int to) {
        for (int i = from; i < Math.min(to, a.length); i++) {
            if (a[i]) {
                return true;
            }
        }
        return false;
    }

    /** Gamma(2, 1/2): mean 1, the mixing that makes a Poisson negative binomial with k = 2. */
    private static double gamma2(Random r) {
        return -0.5 * (Math.log(1 - r.nextDouble()) + Math.log(1 - r.nextDouble()));
    }
}
