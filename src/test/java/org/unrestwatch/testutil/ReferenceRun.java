package org.unrestwatch.testutil;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.scenario.ScenarioRecord;

/**
 * The reference for "same alerts": the same records through the same topology on the test
 * driver, one post at a time, each processed to the end before the next (the most paced run
 * there is), then left to go quiet as a real deployment does when the posts stop.
 */
public final class ReferenceRun {
    private ReferenceRun() {
    }

    public static List<Alert> alerts(List<ScenarioRecord> records, Instant wallClock, Map<String, String> settings) {
        // In-memory stores: the test driver commits after every record, which makes RocksDB write
        // through on every post (3x slower here); the stores' kind changes no result.
        Map<String, String> inMemory = new java.util.HashMap<>(settings);
        inMemory.putIfAbsent("state.store.type", "in_memory");
        try (DetectorFixture f = new DetectorFixture(wallClock, inMemory)) {
            int sent = 0;
            for (ScenarioRecord r : records) {
                f.send(r.key() == null ? null : r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), r.value());
                if (++sent % 10_000 == 0) {
                    f.dropCapturedRecordsButAlerts();
                }
            }
            f.settle();
            return f.alerts.readValuesToList();
        }
    }
}
