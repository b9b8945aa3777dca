package org.unrestwatch.detect;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;

/**
 * Turns assessments into one alert story per surge: OPEN when an open window first fires (outside
 * cooldown), UPDATED only when severity escalates (the type may then be refined to a more specific
 * one, e.g. a volume spike found to be carried by hyperactive new accounts), RESOLVED after {@code calmWindowsToResolve}
 * consecutive calm closed windows (hysteresis: opening needs {@code openScore}, calm needs scores
 * below {@code closeScore}; see {@link SpikeDetector}). Pure logic over
 * {@link AlertState}; the caller persists the state and emits the alert.
 */
public final class AlertLifecycle {
    private final DetectionRules rules;

    public AlertLifecycle(DetectionRules rules) {
        this.rules = rules;
    }

    /** Called on each update of an open window; returns the status to emit, or null. */
    public AlertStatus onOpenWindow(String region, AlertState state, Assessment a, long windowStart) {
        if (!a.fires()) {
            return null;
        }
        if (!state.open) {
            if (windowStart < state.cooldownUntil) {
                return null;
            }
            state.open = true;
            state.alertId = alertId(region, windowStart);
            state.type = a.type();
            state.severity = a.severity();
            state.openedWindow = windowStart;
            state.calmWindows = 0;
            state.version = 1;
            return AlertStatus.OPEN;
        }
        state.calmWindows = 0;
        if (a.severity().isAbove(state.severity)) {
            state.severity = a.severity();
            state.type = moreSpecific(state.type, a.type());
            state.version++;
            return AlertStatus.UPDATED;
        }
        return null;
    }

    /** VOLUME_SPIKE and ACCOUNT_BURST are general; INCITEMENT_SURGE more specific; COORDINATED_ACTIVITY most. */
    static AlertType moreSpecific(AlertType current, AlertType candidate) {
        return specificity(candidate) > specificity(current) ? candidate : current;
    }

    private static int specificity(AlertType type) {
        return switch (type) {
            case VOLUME_SPIKE, ACCOUNT_BURST -> 0;
            case INCITEMENT_SURGE -> 1;
            case COORDINATED_ACTIVITY -> 2;
        };
    }

    /**
     * Called once per closed window of the region, in window order; returns RESOLVED or null.
     * A window with a burst or a surprise at or above {@code closeScore} resets the calm count.
     */
    public AlertStatus onClosedWindow(AlertState state, Assessment a, long windowStart) {
        if (!state.open) {
            return null;
        }
        state.calmWindows = a.calm() ? state.calmWindows + 1 : 0;
        if (state.calmWindows >= rules.calmWindowsToResolve()) {
            resolve(state, windowStart + rules.windowMs());
            return AlertStatus.RESOLVED;
        }
        return null;
    }

    /** Resolves without further evidence (the stream went idle). */
    public AlertStatus onIdle(AlertState state, long lastWindowEnd) {
        if (!state.open) {
            return null;
        }
        resolve(state, lastWindowEnd);
        return AlertStatus.RESOLVED;
    }

    private void resolve(AlertState state, long resolvedAt) {
        state.open = false;
        state.calmWindows = 0;
        state.version++;
        state.cooldownUntil = resolvedAt + rules.cooldown().toMillis();
    }

    /** Deterministic: the same region and opening window give the same id after any restart or replay. */
    public static String alertId(String region, long windowStart) {
        return UUID.nameUUIDFromBytes(("unrest.alert/v1|" + region + "|" + windowStart).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
