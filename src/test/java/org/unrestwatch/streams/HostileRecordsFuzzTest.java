package org.unrestwatch.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.DetectorFixture;
import org.unrestwatch.testutil.HostileRecords;
import org.unrestwatch.testutil.ReferenceRun;

/**
 * 100,000 hostile records mixed into the scenario: the detector never stops, every one of them
 * reaches the dead-letter topic with a reason and its source offset, and the scenario's alerts are
 * exactly those of a clean run. The scenario carries valid posts at the edges of the contract
 * (odd Unicode, longest fields, extreme numbers): no processor may throw on them either. (The real-broker half, with compressed oversize batches, is
 * {@code app.HostileRecordsOnRealBrokerTest}.)
 */
class HostileRecordsFuzzTest {
    private static final int HOSTILE = 100_000;

    @Test
    void hostileRecordsAreAllDeadLetteredAndChangeNoAlert() {
        Instant now = Instant.now();
        Instant start = now.minus(ScenarioGenerator.totalDuration()).minusSeconds(3600);
        List<ScenarioRecord> generated = new ScenarioGenerator(11, start).generate();
        List<byte[]> valid = generated.stream().filter(r -> !r.malformed()).map(ScenarioRecord::value).toList();
        HostileRecords hostileRecords = new HostileRecords(20261129L, valid);
        // Valid posts at the edges of the contract belong to the clean run too: they must pass every
        // stage without a processor throwing, and count like any post.
        List<ScenarioRecord> scenario = new ArrayList<>();
        Random placing = new Random(9);
        int extremes = 0;
        for (ScenarioRecord r : generated) {
            scenario.add(r);
            if (placing.nextInt(6) == 0) {
                var post = hostileRecords.validExtreme(r.eventTimeMs(), now.toEpochMilli());
                scenario.add(new ScenarioRecord(r.eventTimeMs(), post.get("account").get("id").asText(),
                        post.toString().getBytes(StandardCharsets.UTF_8), false));
                extremes++;
            }
        }
        long t0 = System.nanoTime();
        Map<String, List<String>> clean = AlertIdentity.byRegion(ReferenceRun.alerts(scenario, now, Map.of()));
        long t1 = System.nanoTime();

        List<HostileRecords.Hostile> hostile = hostileRecords.generate(HOSTILE);
        long t2 = System.nanoTime();
        long scenarioMalformed = scenario.stream().filter(ScenarioRecord::malformed).count();

        // Interleave at random positions; remember which offset carries which hostile record.
        Random random = new Random(5);
        Map<Long, HostileRecords.Hostile> hostileAt = new HashMap<>();
        try (DetectorFixture f = new DetectorFixture(now, Map.of("state.store.type", "in_memory"))) {
            long offset = 0;
            int h = 0;
            DeadLetterTally tally = new DeadLetterTally(hostileAt);
            for (ScenarioRecord r : scenario) {
                while (h < hostile.size() && random.nextInt(scenario.size() + hostile.size()) < hostile.size()) {
                    hostileAt.put(offset++, hostile.get(h));
                    f.posts.pipeInput(new TestRecord<>(key(random), hostile.get(h++).value(), null, (Long) r.eventTimeMs()));
                }
                f.send(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
                offset++;
                if (offset % 2_000 == 0) {
                    tally.read(f); // the driver keeps output in memory: read it as we go
                }
            }
            while (h < hostile.size()) {
                hostileAt.put(offset++, hostile.get(h++));
                f.posts.pipeInput(new TestRecord<>(key(random), hostile.get(h - 1).value(), null, (Long) now.toEpochMilli()));
            }
            f.settle();
            tally.read(f);
            Map<String, Integer> reasons = tally.reasons;
            int hostileDead = tally.hostileDead;
            System.out.printf("fuzz timing: clean run %.1f s, generation %.1f s, fuzzed run %.1f s%n", (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
            System.out.printf("fuzz: %d hostile records of %d kinds + %d scenario records (%d of them valid posts at the"
                    + " edges of the contract); dead letters by reason: %s%n", hostile.size(), hostileRecords.kinds().size(),
                    scenario.size(), extremes, reasons);
            assertTrue(hostileAt.isEmpty(), hostileAt.size() + " hostile records were not dead-lettered, e.g. "
                    + hostileAt.values().stream().limit(3).map(x -> x.kind() + ": " + abbreviate(x.value())).toList());
            assertEquals(hostile.size(), hostileDead);
            assertEquals(hostile.size() + scenarioMalformed, reasons.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(0, reasons.getOrDefault(RejectReason.PROCESSING_ERROR.name(), 0), "a processor threw: " + reasons);
            assertEquals(hostile.size() + scenario.size(), (long) f.registry.get("unrest.posts.consumed").counter().count());
            assertEquals(clean, AlertIdentity.byRegion(f.alerts.readValuesToList()));
            assertTrue(clean.keySet().containsAll(ScenarioGenerator.SURGE_REGIONS), "the clean run alerts: " + clean.keySet());
        }
    }

    /** Dead letters read so far: by reason, and which hostile offsets they account for. */
    private static final class DeadLetterTally {
        final Map<String, Integer> reasons = new TreeMap<>();
        final Map<Long, HostileRecords.Hostile> pending;
        int hostileDead;

        DeadLetterTally(Map<Long, HostileRecords.Hostile> pending) {
            this.pending = pending;
        }

        void read(DetectorFixture f) {
            while (!f.deadLetters.isEmpty()) {
                TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
                String reason = header(dead, DeadLetterHeaders.REASON);
                RejectReason.valueOf(reason); // a known reason, or this throws
                reasons.merge(reason, 1, Integer::sum);
                if (pending.remove(Long.parseLong(header(dead, DeadLetterHeaders.SOURCE_OFFSET))) != null) {
                    hostileDead++;
                }
            }
        }
    }

    private static byte[] key(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> ("acct-" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {(byte) 0xFF, (byte) random.nextInt()};
        };
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
