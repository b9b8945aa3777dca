package org.unrestwatch.alert;

import java.util.Set;

/**
 * Which alerts a person watching wants to see: regions (empty: all), a least severity, types
 * (empty: all). A RESOLVED passes when its story would have: it closes what the watcher saw open.
 */
public record AlertFilter(Set<String> regions, Severity minSeverity, Set<AlertType> types) {
    public static final AlertFilter ALL = new AlertFilter(Set.of(), Severity.LOW, Set.of());

    public boolean test(Alert a) {
        return (regions.isEmpty() || regions.contains(a.region().code()))
                && !minSeverity.isAbove(a.severity())
                && (types.isEmpty() || types.contains(a.type()));
    }
}
