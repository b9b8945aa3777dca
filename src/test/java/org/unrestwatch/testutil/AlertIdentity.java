package org.unrestwatch.testutil;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;

/**
 * What must be identical between two runs over the same posts: the whole alert but the wall-clock
 * {@code detected_at} and {@code top_accounts} (a Space-Saving sketch: with more accounts than its
 * capacity its lower bounds depend on merge order; counts, ids, evidence and keywords do not).
 */
public final class AlertIdentity {
    private AlertIdentity() {
    }

    public static String of(Alert alert) {
        ObjectNode node = AlertJson.mapper().valueToTree(alert);
        node.remove("detected_at");
        node.remove("top_accounts");
        return node.toString();
    }

    /** Each region's alerts in the order emitted (regions are processed independently, so only per-region order is defined). */
    public static Map<String, List<String>> byRegion(Collection<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(a -> a.region().code(), TreeMap::new,
                Collectors.mapping(AlertIdentity::of, Collectors.toList())));
    }
}
