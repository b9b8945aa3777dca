package org.unrestwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;

class AlertLifecycleTest {
    // 2 calm windows, 30 min cooldown; whether a window is calm is the detector's verdict
    // (SpikeDetector: both tests below the close score, 2), reproduced here by quiet()
    private final DetectionRules rules = FileRulesSource.rulesFrom(
            DetectorConfig.defaults().with(Map.of("detect.calm.windows", "2", "detect.cooldown", "30m")));
    private final AlertLifecycle lifecycle = new AlertLifecycle(rules);
    private static final long W = 300_000;
    private static final Novelty.Run UNKNOWN_RUN = new Novelty.Run(1, 0, -1, Double.NaN);
    private static final Assessment.Thresholds THRESHOLDS = new Assessment.Thresholds(8, 4, Double.NaN, Double.NaN);

    private static Assessment firing(Severity severity, double score) {
        return new Assessment(50, 5, score, score, 0, 50, 5, THRESHOLDS, 10, true, true, false, false, false, true, 0, AlertType.VOLUME_SPIKE, severity, UNKNOWN_RUN, false, false);
    }

    private Assessment quiet(double score) {
        return new Assessment(3, 5, score, score, 0, 3, 5, THRESHOLDS, 0.6, false, false, false, false, score < rules.closeScore(), true, 0, null,
                Severity.LOW, UNKNOWN_RUN, false, false);
    }

    @Test
    void opensOnceEscalatesOnlyUpwardAndResolvesAfterCalmWindows() {
        AlertState s = new AlertState();
        assertEquals(AlertStatus.OPEN, lifecycle.onOpenWindow("PK-PB", s, firing(Severity.MEDIUM, 8), 0));
        assertEquals(1, s.version());
        assertNull(lifecycle.onOpenWindow("PK-PB", s, firing(Severity.MEDIUM, 9), 0), "same severity: no duplicate");
        assertNull(lifecycle.onOpenWindow("PK-PB", s, firing(Severity.LOW, 7), W), "lower severity: nothing");
        assertEquals(1, s.version(), "only emitted versions count");
        assertEquals(AlertStatus.UPDATED, lifecycle.onOpenWindow("PK-PB", s, firing(Severity.HIGH, 20), W));
        assertEquals(2, s.version());
        // hysteresis: a closed window with surprise 3 (below open 6, above close 2) keeps it open
        assertNull(lifecycle.onClosedWindow(s, quiet(3), W));
        assertNull(lifecycle.onClosedWindow(s, quiet(1), 2 * W));
        assertNull(lifecycle.onClosedWindow(s, quiet(2.5), 3 * W), "calm count resets");
        assertNull(lifecycle.onClosedWindow(s, quiet(0), 4 * W));
        assertEquals(AlertStatus.RESOLVED, lifecycle.onClosedWindow(s, quiet(0), 5 * W));
        assertEquals(3, s.version());
        assertEquals(AlertLifecycle.alertId("PK-PB", 0), s.alertId());
    }

    /** The story state survives the store, its version too; state written before versions were counted still loads. */
    @Test
    void theStoryStateRoundTripsAndVersionOneStillLoads() {
        AlertState s = new AlertState();
        lifecycle.onOpenWindow("PK-PB", s, firing(Severity.MEDIUM, 8), 0);
        lifecycle.onOpenWindow("PK-PB", s, firing(Severity.HIGH, 20), W);
        org.unrestwatch.serde.BinaryWriter out = new org.unrestwatch.serde.BinaryWriter(64);
        AlertState.CODEC.write(s, out);
        byte[] v2 = out.toByteArray();
        AlertState copy = AlertState.CODEC.read(new org.unrestwatch.serde.BinaryReader(v2));
        assertEquals(2, copy.version());
        assertEquals(s.alertId(), copy.alertId());
        assertEquals(Severity.HIGH, copy.severity());
        // Version 1 is version 2 without the trailing version count (one byte here): an open story counts on from 1.
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 1);
        v1[0] = 1;
        AlertState old = AlertState.CODEC.read(new org.unrestwatch.serde.BinaryReader(v1));
        assertEquals(1, old.version());
        assertEquals(AlertStatus.UPDATED, lifecycle.onOpenWindow("PK-PB", old, firing(Severity.CRITICAL, 40), 2 * W));
        assertEquals(2, old.version());
    }

    @Test
    void cooldownHoldsBackANewAlertThenANewStoryGetsANewId() {
        AlertState s = new AlertState();
        lifecycle.onOpenWindow("PK-SD", s, firing(Severity.LOW, 8), 0);
        lifecycle.onClosedWindow(s, quiet(0), W);
        lifecycle.onClosedWindow(s, quiet(0), 2 * W); // resolved at 3W; cooldown until 3W + 30 min
        assertNull(lifecycle.onOpenWindow("PK-SD", s, firing(Severity.LOW, 8), 4 * W));
        assertEquals(AlertStatus.OPEN, lifecycle.onOpenWindow("PK-SD", s, firing(Severity.LOW, 8), 3 * W + 6 * W));
        assertEquals(AlertLifecycle.alertId("PK-SD", 9 * W), s.alertId());
    }

    @Test
    void idleResolvesAnOpenStory() {
        AlertState s = new AlertState();
        assertNull(lifecycle.onIdle(s, W));
        lifecycle.onOpenWindow("PK-IS", s, firing(Severity.LOW, 8), 0);
        assertEquals(AlertStatus.RESOLVED, lifecycle.onIdle(s, W));
    }
}
