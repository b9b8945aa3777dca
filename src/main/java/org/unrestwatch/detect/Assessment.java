package org.unrestwatch.detect;

import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;

/**
 * The verdict on one region window: observed protest-related posts against the baseline, the
 * count test's surprise, and whether (and as what) it should alert.
 */
public record Assessment(
        long observed,
        double expected,
        double score,
        double ratio,
        boolean warm,
        boolean spike,
        boolean burst,
        double incitementShare,
        AlertType type,
        Severity severity) {

    public boolean fires() {
        return spike || burst;
    }
}
