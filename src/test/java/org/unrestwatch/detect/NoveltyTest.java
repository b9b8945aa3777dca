package org.unrestwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.evaluate.NabSeries;
import org.unrestwatch.evaluate.OnlineEvaluator;
import org.unrestwatch.evaluate.RandomCounts;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * The novelty test (issue #24): a region's records of runs, what the fusion of novelty and the
 * count tests opens, a level that moves, and the records across a restart and an upgrade.
 */
class NoveltyTest {
    private static final int PER_DAY = 288;
    private static final long W = 300_000;
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z

    private static DetectionRules rules(String method) {
        return FileRulesSource.rulesFrom(DetectorConfig.of(Path.of("config"), Map.of("detect.method", method)));
    }

    /** Opening windows of a series of counts, run online as evaluate does. */
    private static List<Integer> openings(String method, long[] counts) {
        long[] t = new long[counts.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = T0 + i * W;
        }
        OnlineEvaluator.Row[] rows = new OnlineEvaluator(rules(method)).run(new NabSeries("region", t, counts));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].alert()) {
                out.add(i);
            }
        }
        return out;
    }

    private static long[] poisson(Random r, int windows, double mean) {
        long[] v = new long[windows];
        for (int i = 0; i < windows; i++) {
            v[i] = RandomCounts.poisson(r, mean);
        }
        return v;
    }

    private static boolean anyIn(List<Integer> openings, int from, int to) {
        return openings.stream().anyMatch(i -> i >= from && i < to);
    }

    @Test
    void aRoutineBurstTheRegionHadBeforeIsFamiliarUnderFusionAndANovelSurgeStillOpens() {
        int days = 16;
        int familiarUnderCounts = 0;
        int familiarUnderFusion = 0;
        int novelOpenedUnderFusion = 0;
        int seeds = 5;
        for (int seed = 1; seed <= seeds; seed++) {
            Random r = new Random(seed);
            long[] v = poisson(r, days * PER_DAY, 20);
            // A routine burst, four times normal for two windows, at the same hour each day (a daily news bulletin, say).
            for (int d = 0; d < days; d++) {
                for (int i = d * PER_DAY + 150; i < d * PER_DAY + 152; i++) {
                    v[i] = RandomCounts.poisson(r, 80);
                }
            }
            int surge = 14 * PER_DAY + 40; // a novel surge: eight times normal for half an hour, at another hour
            for (int i = surge; i < surge + 6; i++) {
                v[i] = RandomCounts.poisson(r, 160);
            }
            List<Integer> counts = openings("counts", v);
            List<Integer> fusion = openings("fusion", v);
            for (int d = 3; d < days; d++) { // from the third day the region has a day of records
                int b = d * PER_DAY + 150;
                familiarUnderCounts += anyIn(counts, b, b + 2) ? 1 : 0;
                familiarUnderFusion += anyIn(fusion, b, b + 2) ? 1 : 0;
            }
            novelOpenedUnderFusion += anyIn(fusion, surge, surge + 6) ? 1 : 0;
        }
        System.out.printf("routine bursts opened from day 3: counts %d, fusion %d (of %d); novel surges opened under fusion: %d of %d%n",
                familiarUnderCounts, familiarUnderFusion, seeds * (days - 3), novelOpenedUnderFusion, seeds);
        assertEquals(seeds, novelOpenedUnderFusion, "every novel surge opens");
        assertTrue(familiarUnderFusion <= 1, "a burst the region has every day opens at most once more: " + familiarUnderFusion);
        assertTrue(familiarUnderFusion <= familiarUnderCounts,
                "fusion opens no more routine bursts than the count tests: " + familiarUnderFusion + " vs " + familiarUnderCounts);
    }

    /**
     * A level that moves up for good (threefold, say a region newly covered) opens at most one
     * story, in the shipped configuration and in fusion; a surge on top of the new level, a week
     * later, is judged against it and opens.
     */
    @Test
    void aLastingRiseOpensAtMostOneStoryAndASurgeOnTopOfItOpens() {
        for (String method : List.of("counts", "fusion")) {
            for (int seed = 1; seed <= 3; seed++) {
                Random r = new Random(100 + seed);
                int shift = 7 * PER_DAY + 100;
                int surge = shift + 8 * PER_DAY;
                long[] v = poisson(r, 17 * PER_DAY, 15);
                for (int i = shift; i < v.length; i++) {
                    v[i] = RandomCounts.poisson(r, 45);
                }
                for (int i = surge; i < surge + 4; i++) {
                    v[i] = RandomCounts.poisson(r, 225);
                }
                List<Integer> opened = openings(method, v);
                long moveStories = opened.stream().filter(i -> i >= shift && i < surge).count();
                assertTrue(moveStories <= 1, method + " seed " + seed + ": the move opened " + moveStories + " stories: " + opened);
                assertTrue(anyIn(opened, surge, surge + 4), method + " seed " + seed + ": the surge on the new level did not open: " + opened);
            }
        }
    }

    @Test
    void aRunIsComparedWithTheRegionsRecordForItsLengthOnceItHasADay() {
        DetectionRules rules = rules("fusion");
        Novelty n = rules.novelty();
        assertEquals(List.of(1, 3, 12), Arrays.stream(n.spans()).boxed().toList(), "one window, a quarter hour, the sustained hour");
        Baseline b = new Baseline();
        for (int w = 0; w < PER_DAY - 1; w++) {
            b.closeRuns(w == 100 ? 40 : 10, false, false, false, n);
        }
        assertFalse(b.mostNovelRun(10, n, rules.baseline()).known(), "less than a day of matured runs: cannot say");
        for (int w = 0; w < 2 * n.lagWindows(); w++) {
            b.closeRuns(10, false, false, false, n);
        }
        Novelty.Run same = b.mostNovelRun(10, n, rules.baseline());
        assertTrue(same.known());
        assertTrue(same.score() < 0, "a quiet window is below the record of any length: " + same);
        Novelty.Run big = b.mostNovelRun(100, n, rules.baseline());
        assertEquals(1, big.span(), "one big window is most novel against the single-window record");
        assertEquals(40, big.record(), "the record is the day's largest window");
        assertEquals(Math.log(105.0 / 45.0), big.score(), 1e-9);
    }

    @Test
    void aStorysWindowsAreNotLearnedAndItsOpeningWindowOnlyIfTheStoryIsOverWhenItMatures() {
        DetectionRules rules = rules("fusion");
        Novelty n = rules.novelty();
        Baseline lasting = new Baseline();
        Baseline brief = new Baseline();
        for (int w = 0; w < 2 * PER_DAY; w++) {
            boolean opening = w == PER_DAY;
            boolean inside = w > PER_DAY && w < PER_DAY + 30; // the lasting story is still open when its opening window matures
            long count = opening || inside ? 90 : 10;
            lasting.closeRuns(count, opening || inside, opening, opening || inside || w < PER_DAY + n.lagWindows() + 5 && w > PER_DAY, n);
            brief.closeRuns(opening ? 90 : 10, opening, opening, opening, n);
        }
        assertEquals(10, lasting.mostNovelRun(10, n, rules.baseline()).record(), "a protest that lasted never becomes familiar");
        assertEquals(120, lasting.run(2, 10, n, rules.baseline()).record(), "nor its tail, in the hour's runs after it");
        assertEquals(30, lasting.run(1, 10, n, rules.baseline()).record(), "or the quarter hour's");
        assertEquals(90, brief.mostNovelRun(90, n, rules.baseline()).record(), "a burst that came and went does");
    }

    @Test
    void recordsKeptUnderOtherSpansAreUnknownUntilTheyStartAfreshInsteadOfFailing() {
        DetectionRules quarterHour = FileRulesSource.rulesFrom(DetectorConfig.of(Path.of("config"),
                Map.of("detect.method", "fusion", "detect.sustained.window", "15m")));
        DetectionRules hour = rules("fusion");
        Baseline b = new Baseline();
        for (int w = 0; w < 2 * PER_DAY; w++) {
            b.closeRuns(10, false, false, false, quarterHour.novelty());
        }
        assertTrue(b.mostNovelRun(10, quarterHour.novelty(), quarterHour.baseline()).known());
        assertFalse(b.mostNovelRun(10, hour.novelty(), hour.baseline()).known(), "restarted with another sustained span: cannot say yet");
        b.closeRuns(10, false, false, false, hour.novelty());
        assertFalse(b.mostNovelRun(10, hour.novelty(), hour.baseline()).known(), "started afresh: a day to go");
    }

    @Test
    void underTheNoveltyMethodTheCountTestsDecideUntilARegionHasRecords() {
        Random r = new Random(3);
        long[] v = poisson(r, PER_DAY / 2, 20);
        for (int i = 100; i < 103; i++) {
            v[i] = 200;
        }
        assertTrue(anyIn(openings("novelty", v), 100, 103), "a tenfold burst on a region's first day opens");
    }

    @Test
    void recordsSurviveTheStoreAndStateWrittenBeforeThemStillLoads() {
        DetectionRules rules = rules("fusion");
        Novelty n = rules.novelty();
        Random r = new Random(5);
        Baseline b = new Baseline();
        for (int w = 0; w < 3 * PER_DAY; w++) {
            long count = RandomCounts.poisson(r, 20);
            b.close(T0 + w * W, count, true, rules.baseline());
            b.closeRuns(count, false, false, false, n);
        }
        BinaryWriter out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(b, out);
        byte[] v5 = out.toByteArray();
        Baseline copy = Baseline.CODEC.read(new BinaryReader(v5));
        assertEquals(b.mostNovelRun(33, n, rules.baseline()), copy.mostNovelRun(33, n, rules.baseline()));
        System.out.printf("a baseline with run records serialises to %d bytes%n", v5.length);
        assertTrue(v5.length < 3_000, "bounded: " + v5.length);

        Baseline noRecords = new Baseline();
        for (int w = 0; w < 3 * PER_DAY; w++) {
            noRecords.close(T0 + w * W, RandomCounts.poisson(r, 20), true, rules.baseline());
        }
        out = new BinaryWriter(Baseline.CODEC.sizeHint());
        Baseline.CODEC.write(noRecords, out);
        byte[] v4 = Arrays.copyOf(out.toByteArray(), out.toByteArray().length - 6); // version 4: the same without the (empty) records, 6 bytes
        v4[0] = 4;
        Baseline upgraded = Baseline.CODEC.read(new BinaryReader(v4));
        assertFalse(upgraded.mostNovelRun(33, n, rules.baseline()).known(), "records start empty: the count tests decide until a day is in");
        SpikeDetector detector = new SpikeDetector(rules, List.of("mobilisation"), Set.of("mobilisation"));
        Assessment a = detector.assess(OnlineEvaluator.bucket(T0 + 3 * PER_DAY * W, 60), upgraded);
        assertEquals(detector.assess(OnlineEvaluator.bucket(T0 + 3 * PER_DAY * W, 60), noRecords).spike(), a.spike());
    }
}
