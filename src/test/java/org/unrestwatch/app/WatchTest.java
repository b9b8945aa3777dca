package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertFilter;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.cli.Main;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.streams.Topics;

/** {@code watch} on the real broker: the open stories from the state topic, then new alerts, filtered. */
class WatchTest {
    @TempDir
    Path state;

    @Test
    void printsTheOpenStoriesThenFollowsNewAlertsThroughItsFilter() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("watch", state);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        Topics topics = Topics.from(config);
        Map<String, Object> client = Map.of("bootstrap.servers", config.bootstrapServers());
        // Three stories so far: Punjab open and escalated, Sindh resolved, Islamabad open and LOW.
        publish(config, topics.alertState().name(), List.of(
                alert("a", "PK-PB", AlertStatus.OPEN, Severity.MEDIUM, 1), alert("b", "PK-SD", AlertStatus.OPEN, Severity.LOW, 1),
                alert("a", "PK-PB", AlertStatus.UPDATED, Severity.HIGH, 2), alert("c", "PK-IS", AlertStatus.OPEN, Severity.LOW, 1),
                alert("b", "PK-SD", AlertStatus.RESOLVED, Severity.LOW, 2)));

        List<Alert> open = new AlertFollower(client, AlertFilter.ALL).openStories(topics.alertState().name(), Duration.ofSeconds(30));
        assertEquals(List.of("a/2", "c/1"), open.stream().map(a -> a.alertId() + "/" + a.version()).toList(), "latest versions of the open stories");
        List<Alert> severe = new AlertFollower(client, new AlertFilter(Set.of(), Severity.MEDIUM, Set.of()))
                .openStories(topics.alertState().name(), Duration.ofSeconds(30));
        assertEquals(List.of("a"), severe.stream().map(Alert::alertId).toList());

        // Following: only what is written after it starts, only Punjab.
        publish(config, topics.alerts().name(), List.of(alert("old", "PK-PB", AlertStatus.OPEN, Severity.LOW, 1)));
        List<Alert> followed = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        AlertFollower punjab = new AlertFollower(client, new AlertFilter(Set.of("PK-PB"), Severity.LOW, Set.of()));
        Thread t = new Thread(() -> punjab.follow(topics.alerts().name(), Duration.ofSeconds(30), () -> stop.getCount() > 0,
                started::countDown, followed::add));
        t.start();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        publish(config, topics.alerts().name(), List.of(alert("d", "PK-SD", AlertStatus.OPEN, Severity.HIGH, 1),
                alert("e", "PK-PB", AlertStatus.OPEN, Severity.LOW, 1), alert("f", "PK-IS", AlertStatus.OPEN, Severity.LOW, 1),
                alert("last", "PK-PB", AlertStatus.OPEN, Severity.LOW, 1)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (followed.stream().noneMatch(a -> a.alertId().equals("last")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        stop.countDown();
        t.join(10_000);
        assertEquals(Set.of("e", "last"), Set.copyOf(followed.stream().map(Alert::alertId).toList()), "new, and in the region asked for");
    }

    /** The command itself: JSON lines of the open stories that pass its filter, then it follows until interrupted. */
    @Test
    void theCommandPrintsJsonLinesAndStopsWhenInterrupted() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("watchcmd", state);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        Topics topics = Topics.from(config);
        publish(config, topics.alertState().name(), List.of(alert("p", "PK-PB", AlertStatus.OPEN, Severity.HIGH, 1),
                alert("k", "PK-KP", AlertStatus.OPEN, Severity.LOW, 1)));
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int[] code = {-1};
        Thread t;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            t = new Thread(() -> code[0] = Main.execute("watch", "-o", "json", "--region", "pk-pb",
                    "--set", "kafka.bootstrap.servers=" + config.bootstrapServers(), "--set", "topic.alerts=" + topics.alerts().name(),
                    "--set", "alerts.pseudonym.key=" + org.unrestwatch.testutil.TestKeys.PSEUDONYM));
            t.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!buf.toString(StandardCharsets.UTF_8).contains("\"alert_id\":\"p\"") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            t.interrupt();
            t.join(15_000);
        } finally {
            System.setOut(old);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals(1, lines.size(), text);
        assertEquals("p", AlertJson.fromBytes(lines.get(0).getBytes(StandardCharsets.UTF_8)).alertId());
        assertEquals(0, code[0], "stopped cleanly");
    }

    private static void publish(DetectorConfig config, String topic, List<Alert> alerts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", config.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : alerts) {
                producer.send(new ProducerRecord<>(topic, a.alertId(), AlertJson.toBytes(a))).get();
            }
        }
    }

    private static Alert alert(String id, String region, AlertStatus status, Severity severity, int version) {
        String now = Instant.now().toString();
        return new Alert(Alert.SCHEMA, id, AlertType.VOLUME_SPIKE, status, severity, new Alert.RegionRef(region, region),
                new Alert.Window(now, now), 20, 2, 9, 10, 30, 12, 0, 0, Map.of(), List.of(), List.of(), List.of(), now, now,
                "test alert " + id, null, null, null, null, version, null, null, null, null);
    }
}
