package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.testutil.AlertSchema;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.TestPosts;

/**
 * A region whose protest-related volume is normal but where a few accounts suddenly post in bulk
 * raises an ACCOUNT_BURST, not a volume alert: the per-account branch feeds the region detector.
 */
class AccountBurstTest {
    static final Instant T0 = Instant.parse("2025-11-08T00:00:00Z");
    static final long WINDOW = 300_000;

    /** 40 windows of steady protest talk in PK-KP, then a window where three accounts post in bulk. */
    private static void steadyTalkThenThreeLoudAccounts(DetectorFixture f) {
        int id = 0;
        // 30 posts from 30 different accounts each window
        for (int w = 0; w < 40; w++) {
            for (int i = 0; i < 30; i++) {
                f.send(TestPosts.post("p" + id++, T0.toEpochMilli() + w * WINDOW + i * 9_000L,
                        "citizen-" + (w * 30 + i), "kal dharna hai").region("PK-KP"));
            }
        }
        // window 40: the same 30 posts, of which 3 accounts write 9 each (27 posts) and 3 others one each
        long start = T0.toEpochMilli() + 40 * WINDOW;
        for (int i = 0; i < 27; i++) {
            f.send(TestPosts.post("p" + id++, start + i * 10_000L, "loud-" + (i % 3), "kal dharna hai").region("PK-KP"));
        }
        for (int i = 0; i < 3; i++) {
            f.send(TestPosts.post("p" + id++, start + 280_000 + i * 1_000L, "citizen-x" + i, "kal dharna hai").region("PK-KP"));
        }
    }

    @Test
    void hyperactiveAccountsWithoutAVolumeSpikeRaiseAnAccountBurst() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), Map.of())) {
            steadyTalkThenThreeLoudAccounts(f);
            List<Alert> alerts = f.alerts.readKeyValuesToList().stream().map(kv -> kv.value).toList();
            assertEquals(1, alerts.size(), alerts.toString());
            Alert burst = alerts.get(0);
            assertEquals(AlertStatus.OPEN, burst.status());
            assertEquals(AlertType.ACCOUNT_BURST, burst.type());
            assertEquals(3, burst.hyperactiveAccounts());
            assertEquals("PK-KP", burst.region().code());
            // it opens the moment the third account reaches the threshold, mid-window
            assertEquals(f.parts.rules().hyperactivePosts(), burst.topAccounts().get(0).posts());
            assertEquals("", AlertSchema.violations(burst));
        }
    }

    /** Stream time stands still when posts stop: the wall-clock punctuator closes the story. */
    @Test
    void anOpenStoryResolvesWhenPostsStopArriving() {
        try (DetectorFixture f = new DetectorFixture(T0.plusSeconds(86_400), Map.of())) {
            steadyTalkThenThreeLoudAccounts(f);
            Alert open = f.alerts.readValue();
            assertEquals(AlertStatus.OPEN, open.status());
            f.driver.advanceWallClockTime(f.parts.rules().idleResolveAfter().minusSeconds(30));
            assertTrue(f.alerts.isEmpty(), "not before the idle time");
            f.driver.advanceWallClockTime(Duration.ofSeconds(60));
            Alert resolved = f.alerts.readValue();
            assertEquals(AlertStatus.RESOLVED, resolved.status());
            assertEquals(open.alertId(), resolved.alertId());
            assertTrue(f.alerts.isEmpty(), "resolved once");
        }
    }
}
