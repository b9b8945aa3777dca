package org.unrestwatch.streams;

import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.TermSuggestion;

/** What the region stage emits: an alert (keyed by region), or a term suggestion (keyed by region and term). Exactly one is set. */
public record RegionOutput(Alert alert, TermSuggestion term) {
    public static RegionOutput of(Alert alert) {
        return new RegionOutput(alert, null);
    }

    public static RegionOutput of(TermSuggestion term) {
        return new RegionOutput(null, term);
    }

    public boolean isAlert() {
        return alert != null;
    }
}
