package org.unrestwatch.app;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A readable account of how two runs' alerts (as {@link org.unrestwatch.testutil.AlertIdentity#byRegion})
 * differ: each differing region's alerts in short, then the first differing pair in full. The
 * whole maps would run to tens of kilobytes in a failure message.
 */
final class AlertDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertDiff() {
    }

    static String describe(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> regions = new TreeSet<>(expected.keySet());
        regions.addAll(actual.keySet());
        for (String region : regions) {
            List<String> e = expected.getOrDefault(region, List.of());
            List<String> a = actual.getOrDefault(region, List.of());
            if (e.equals(a)) {
                continue;
            }
            out.append(region).append(": expected ").append(e.size()).append(", got ").append(a.size()).append('\n');
            e.forEach(x -> out.append("  expected ").append(brief(x)).append('\n'));
            a.forEach(x -> out.append("  got      ").append(brief(x)).append('\n'));
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                if (!e.get(i).equals(a.get(i))) {
                    out.append("  first difference, in full:\n  expected ").append(e.get(i))
                            .append("\n  got      ").append(a.get(i)).append('\n');
                    break;
                }
            }
        }
        return out.length() == 0 ? "no difference" : out.toString();
    }

    /** Status, type, severity, window, counts and evidence time: enough to see which alert went wrong. */
    static String brief(String alertJson) {
        try {
            JsonNode n = JSON.readTree(alertJson);
            return String.format("%s %s %s window %s observed %s posts %s accounts %s through %s", n.path("status").asText(),
                    n.path("type").asText(), n.path("severity").asText(), n.path("window").path("start").asText(),
                    n.path("observed").asText(), n.path("posts").asText(), n.path("distinct_accounts").asText(),
                    n.path("evidence_through").asText());
        } catch (Exception ex) {
            return alertJson;
        }
    }
}
