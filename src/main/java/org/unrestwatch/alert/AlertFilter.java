package org.unrestwatch.alert;

import java.util.Set;

/**
 * Which alerts a person watching wants to see: regions (empty: all), a least severity, types
 * (empty: all), judged on each alert as it is. A RESOLVED carries its story's final severity and
 * type: a story refined from VOLUME_SPIKE to COORDINATED_ACTIVITY resolves as the latter.
 */
public record AlertFilter(Set<String> regions, Severity minSeverity, Set<AlertType> types) {
    public static final AlertFilter ALL = new AlertFilter(Set.of(), Severity.LOW, Set.of());

    public boolean test(Alert a) {
        return (regions.isEmpty() || regions.contains(a.region().code()))
                && !minSeverity.isAbove(a.severity())
                && (types.isEmpty() || types.contains(a.type()));
    }
}
