package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.region.Resolution;
import org.unrestwatch.stats.RegionWindowStats;
import org.unrestwatch.testutil.TestKeys;

/**
 * The region stage restarted (state kept) after a posts partition rejoined behind the merged
 * progress: a late tick from it must still be assessed as of where the windows are, as without the
 * restart, so that the alert's tipped_at (a post the window already held) is not after its
 * evidence_through.
 */
class RegionStageRestartTest {
    static final long SEC = 1000;
    static final long WINDOW = 300 * SEC;
    static final long T0 = Instant.parse("2025-11-08T00:00:00Z").toEpochMilli();
    static final String REGION = "PK-PB";
    static final int HISTORY_WINDOWS = 36;

    final DetectorParts parts = DetectorParts.from(DetectorConfig.of(Path.of("config"),
            Map.of("alerts.pseudonym.key", TestKeys.PSEUDONYM, "state.store.type", "in_memory",
                    "coordination.enabled", "false")), new SimpleMeterRegistry()); // its posts carry no copy prints
    final int categories = parts.lexicon().categories().size();
    final ProcessorSupplier<String, PartialBatch, String, RegionOutput> supplier = RegionStageProcessor.supplier(parts.rules(),
            parts.ruleBook(), parts.detector(), parts.alerts(), parts.metrics(), categories, parts.dataPath(), 2, parts.coordination(), true);
    final List<StateStore> stores = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    MockProcessorContext<String, RegionOutput> context;
    org.apache.kafka.streams.processor.api.Processor<String, PartialBatch, String, RegionOutput> processor;
    int postId;

    @Test
    void aLateTickAfterARestartIsAssessedWhereTheWindowsAre() {
        assertEquals(alertOfTheScenario(false), alertOfTheScenario(true), "the same alert with or without the restart");
    }

    /** The OPEN alert's evidence_through and tipped_at. */
    private List<String> alertOfTheScenario(boolean restart) {
        stores.clear();
        alerts.clear();
        start(true);
        Random random = new Random(7);
        for (int w = 0; w < HISTORY_WINDOWS; w++) {
            long ws = T0 + w * WINDOW;
            send(0, ws + 10 * SEC, random.nextInt(4));
            mark(0, ws + WINDOW, false);
            mark(1, ws + WINDOW, false);
        }
        long s = T0 + HISTORY_WINDOWS * WINDOW;
        mark(1, s, true); // partition 1 goes quiet: windows stop waiting for it
        send(0, s + 60 * SEC, 10); // below detect.min.volume: no alert yet
        mark(0, s + 61 * SEC, false);
        mark(1, s + 20 * SEC, false); // partition 1 is back, behind the merged progress
        if (restart) {
            start(false);
        }
        send(1, s + 30 * SEC, 30); // its late tick tips the window
        mark(1, s + 31 * SEC, false);

        List<Alert> open = alerts.stream().filter(a -> a.status() == AlertStatus.OPEN).toList();
        assertEquals(1, open.size(), "alerts: " + alerts);
        Alert a = open.get(0);
        assertEquals(Instant.ofEpochMilli(s + 60 * SEC + 500).toString(), a.tippedAt(), "the latest protest post counted");
        assertTrue(Instant.parse(a.tippedAt()).isBefore(Instant.parse(a.evidenceThrough())),
                "tipped_at " + a.tippedAt() + " before evidence_through " + a.evidenceThrough());
        return List.of(a.evidenceThrough(), a.tippedAt());
    }

    /** A new processor instance on the same stores (a restart with its state kept), or on new ones. */
    private void start(boolean newStores) {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        if (newStores) {
            for (StoreBuilder<?> builder : supplier.stores()) {
                StateStore store = builder.withCachingDisabled().withLoggingDisabled().build();
                store.init(context.getStateStoreContext(), store);
                stores.add(store);
            }
        }
        stores.forEach(context::addStateStore);
        processor = supplier.get();
        processor.init(context);
    }

    /** A batch from posts partition {@code partition}: {@code protest} protest posts from as many accounts, half a second into the tick. */
    private void send(int partition, long tickStart, int protest) {
        RegionWindowStats stats = new RegionWindowStats(tickStart - Math.floorMod(tickStart, WINDOW), categories);
        for (int i = 0; i < protest; i++) {
            String id = "p" + postId++;
            stats.add(new EnrichedPost(id, tickStart + 500, tickStart + 500, "acct-" + id, false, REGION, Resolution.EXPLICIT,
                    new int[categories], 2.0, true, List.of("dharna")));
        }
        process(REGION, new PartialBatch(partition, tickStart, 0, false, List.of(new PartialBatch.TickPartial(tickStart, stats))));
    }

    private void mark(int partition, long progressMs, boolean idle) {
        process("", PartialBatch.progressMark(partition, progressMs, 0, idle));
    }

    private void process(String key, PartialBatch batch) {
        processor.process(new Record<>(key, batch, 0));
        context.forwarded().forEach(f -> alerts.add(f.record().value().alert()));
        context.resetForwards();
    }
}
