package org.unrestwatch.detect;

import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;

/**
 * The verdict on one region window: observed protest-related posts against the baseline, the
 * score, whether (and as what) it should alert, and whether it is calm enough to count towards
 * resolving an open story.
 */
public record Assessment(
        long observed,
        double expected,
        double score,
        double ratio,
        boolean warm,
        boolean spike,
        boolean burst,
        boolean calm,
        double incitementShare,
        AlertType type,
        Severity severity) {

    public boolean fires() {
        return spike || burst;
    }
}
