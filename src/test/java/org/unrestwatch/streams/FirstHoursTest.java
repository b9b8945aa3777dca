package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.evaluate.NabSeries;
import org.unrestwatch.evaluate.OnlineEvaluator;
import org.unrestwatch.evaluate.RandomCounts;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.testutil.AlertNumbers;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

/**
 * Issue #24, the first hours: a region that starts posting while the detector runs (a region added
 * in a crisis) can open a story before its two-hour warm-up, on a window about ten times its level so
 * far (detect.young.window.residual, a prior learned across series), while its ordinary noise opens
 * nothing.
 */
class FirstHoursTest {
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private static final long W = 300_000;

    @Test
    void aRegionThatStartsMidRunOpensOnASurgeInItsFirstHourThroughTheTopology() {
        long start = T0.toEpochMilli();
        List<Alert> alerts = new ArrayList<>();
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), Map.of())) {
            Random r = new Random(4);
            int post = 0;
            for (int w = 0; w < 36 + 14; w++) {
                long windowStart = start + w * W;
                // Punjab posts all along; Gilgit-Baltistan from the third hour: 40 minutes of a few posts, then a surge.
                int punjab = 6 + r.nextInt(4);
                int gilgit = w < 36 ? 0 : w < 44 ? 3 + r.nextInt(3) : 120;
                for (int i = 0; i < punjab; i++) {
                    f.send(TestPosts.post("p" + post++, windowStart + i * W / (punjab + 1), "pb-" + r.nextInt(400), "dharna").region("PK-PB"));
                }
                for (int i = 0; i < gilgit; i++) {
                    f.send(TestPosts.post("p" + post++, windowStart + i * W / (gilgit + 1), "gb-" + r.nextInt(300), "dharna").region("PK-GB"));
                }
                for (KeyValue<String, Alert> kv : f.alerts.readKeyValuesToList()) {
                    alerts.add(kv.value);
                }
            }
        }
        List<Alert> gilgit = alerts.stream().filter(a -> a.region().code().equals("PK-GB")).toList();
        assertTrue(!gilgit.isEmpty() && gilgit.get(0).status() == AlertStatus.OPEN, "Gilgit-Baltistan opened: " + gilgit);
        Alert open = gilgit.get(0);
        assertEquals(start + 44 * W, Instant.parse(open.window().start()).toEpochMilli(), "in the surge's first window, 45 minutes after its first post");
        assertEquals(Alert.Trigger.WINDOW_BURST, open.trigger().test());
        assertEquals(List.of(), AlertNumbers.disagreements(open), "every number adds up");
        assertTrue(alerts.stream().noneMatch(a -> a.region().code().equals("PK-PB")), "Punjab's ordinary posts opened nothing");
    }

    @Test
    void aYoungRegionsOrdinaryNoiseOpensNothingAndItsFirstHalfHourNothingAtAll() {
        var rules = FileRulesSource.rulesFrom(DetectorConfig.of(Path.of("config"), Map.of()));
        int opened = 0;
        int beforeHalfHour = 0;
        for (int seed = 1; seed <= 40; seed++) {
            Random r = new Random(seed);
            long[] t = new long[24];
            long[] v = new long[24];
            for (int i = 0; i < v.length; i++) {
                t[i] = T0.toEpochMilli() + i * W;
                v[i] = RandomCounts.poisson(r, 8 * Math.exp(0.4 * r.nextGaussian()));
            }
            v[3] = 120; // a burst in its first half hour cannot open: nothing to compare it with
            OnlineEvaluator.Row[] rows = new OnlineEvaluator(rules).run(new NabSeries("young", t, v));
            for (int i = 0; i < rows.length; i++) {
                opened += rows[i].alert() && i != 3 ? 1 : 0;
                beforeHalfHour += rows[i].alert() && i == 3 ? 1 : 0;
            }
        }
        assertEquals(0, beforeHalfHour, "a burst before detect.young.after opens nothing");
        // The gauge shows a young region's score as the opening decision sees it: at least 8 when it opens.
        long[] t = new long[24];
        long[] v = new long[24];
        for (int i = 0; i < v.length; i++) {
            t[i] = T0.toEpochMilli() + i * W;
            v[i] = i == 12 ? 150 : 8;
        }
        OnlineEvaluator.Row surge = new OnlineEvaluator(rules).run(new NabSeries("young", t, v))[12];
        assertTrue(surge.alert() && surge.openingScore() >= rules.openScore(), "a young region's surge opens and its gauge says so: "
                + surge.openingScore());
        assertEquals(0, opened, "40 young regions' first two hours of overdispersed noise opened nothing");
    }
}
