package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.cli.Main;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.rules.RulesInEffect;

/**
 * Live rules on the real broker, two instances of one detector: a rule written with the
 * {@code rules} command is in force on both (each answers {@code GET /v1/rules} with it), an
 * invalid record is dead-lettered, a restarted instance has the rules before it processes a post,
 * and a deletion reaches both.
 */
class LiveRulesOnRealBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path state;

    @Test
    void aRuleWrittenWithTheCommandIsInForceOnBothInstancesAndSurvivesARestart() throws Exception {
        long t0 = System.nanoTime();
        Map<String, String> settings = RealBrokerSupport.settings("liverules", SharedBroker.bootstrap(), state.resolve("a"));
        settings.put("watermark.idle.timeout", "2s"); // the last posts' ticks are applied soon after they stop
        DetectorConfig configA = DetectorConfig.of(Path.of("config"), settings);
        Map<String, String> settingsB = new java.util.HashMap<>(settings);
        settingsB.put("state.dir", state.resolve("b").toString());
        DetectorConfig configB = DetectorConfig.of(Path.of("config"), settingsB);
        TopicAdmin.ensureTopics(configA, Duration.ofSeconds(30));
        List<String> cluster = RealBrokerSupport.asArguments(settings);

        Detector a = new Detector(configA);
        try (Detector b = new Detector(configB)) {
            a.start();
            b.start();
            assertTrue(a.awaitRunning(Duration.ofSeconds(60)) && b.awaitRunning(Duration.ofSeconds(60)), "both running");
            assertEquals(RulesInEffect.BASE, rules(a).get("rules_version").asText());

            System.out.printf("LIVE RULES: both running at %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            long written = System.nanoTime();
            String out = command(cluster, "rules", "add-term", "--term", "qafila rawana karo", "--category", "mobilisation",
                    "--lang", "ur-Latn", "--region", "PK-PB", "--author", "ayesha", "--comment", "new slogan in Lahore");
            assertTrue(out.contains("rule add-term:mobilisation:qafila-rawana-karo v1 written"), out);
            assertTrue(out.contains("before: nothing (a new rule)"), out);
            String version = out.replaceAll("(?s).*rules version in force now: ([0-9a-f]+).*", "$1");
            for (Detector d : List.of(a, b)) {
                assertTrue(Await.until(Duration.ofSeconds(30), Duration.ofMillis(20),
                        () -> version.equals(rules(d).get("rules_version").asText())), "in force on instance " + d.httpPort());
                System.out.printf("LIVE RULES: in force on instance :%d %d ms after the command returned%n", d.httpPort(),
                        (System.nanoTime() - written) / 1_000_000);
            }
            regionsAndStoriesAnsweredAlikeByBoth(a, b, configA);
            JsonNode listed = rules(b).get("rules").get(0);
            assertEquals("in-force", listed.get("state").asText());
            assertEquals("PK-PB", listed.get("regions").get(0).asText());

            // An invalid record from another producer: dead-lettered with its reason, never applied.
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", configA.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(configA.get("topic.rules"), "mute:region:PK-PB".getBytes(StandardCharsets.UTF_8),
                        "{\"schema\":\"unrest.rule/v1\",\"kind\":\"mute\"}".getBytes(StandardCharsets.UTF_8))).get();
            }
            List<ConsumerRecord<String, byte[]>> dead = RealBrokerSupport.readUntil(configA.get("topic.dlq"), Duration.ofSeconds(30),
                    r -> !r.isEmpty());
            assertEquals(1, dead.size());
            assertEquals("INVALID_RULE", new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8));
            assertEquals(1, a.parts().ruleBook().rules().size(), "the invalid rule changed nothing");

            System.out.printf("LIVE RULES: dead letter read at %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            // Restarted, an instance has the rules before its first post: the global store is restored before processing.
            a.close();
            a = new Detector(configA);
            a.start();
            assertTrue(a.awaitRunning(Duration.ofSeconds(60)), "restarted");
            assertEquals(version, a.parts().ruleBook().version(System.currentTimeMillis()), "the rules survived the restart");

            System.out.printf("LIVE RULES: restarted at %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            String list = command(cluster, "rules", "list");
            assertTrue(list.contains("2 rules in") && list.contains("add-term:mobilisation:qafila-rawana-karo") && list.contains("in-force")
                    && list.contains("ayesha") && list.contains(version), list);
            assertTrue(list.contains("mute:region:PK-PB") && list.contains("INVALID"), "the refused record is listed as such: " + list);

            String deleted = command(cluster, "rules", "delete", "add-term:mobilisation:qafila-rawana-karo");
            assertTrue(deleted.contains("deleted") && deleted.contains("rules version in force now: base"), deleted);
            for (Detector d : List.of(a, b)) {
                assertTrue(Await.until(Duration.ofSeconds(30), Duration.ofMillis(20),
                        () -> RulesInEffect.BASE.equals(rules(d).get("rules_version").asText())), "deleted on " + d.httpPort());
            }
            // What it decided stays decided: the deleted rule is kept, up to its deletion, under its own id.
            assertTrue(command(cluster, "rules", "list").contains("add-term:mobilisation:qafila-rawana-karo@v1"), "kept as history");
            assertTrue(Await.until(Duration.ofSeconds(30), Duration.ofMillis(20),
                    () -> rules(b).get("rules").toString().contains("qafila-rawana-karo@v1")), "history on the instances too");
        } finally {
            a.close();
        }
    }

    /**
     * Posts in four regions, keyed by account over three partitions: each instance owns some regions'
     * state, and each answers for every region (forwarding), with the same numbers, naming the owner.
     */
    private void regionsAndStoriesAnsweredAlikeByBoth(Detector a, Detector b, DetectorConfig config) throws Exception {
        List<String> codes = List.of("PK-PB", "PK-SD", "PK-KP", "PK-IS");
        long window = Duration.ofMinutes(5).toMillis();
        if (System.currentTimeMillis() % window > window - 15_000) { // the posts (4 s of them) must fall in one window
            Thread.sleep(window - System.currentTimeMillis() % window + 1_000);
        }
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", config.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 200; i++) {
                String account = "acct-" + i;
                // Dated after the rule's effective time (when the command wrote it): the slogan counts.
                byte[] post = org.unrestwatch.testutil.TestPosts.post("q" + i, now + i * 20L, account,
                        i % 3 == 0 ? "qafila rawana karo, dharna" : "mausam acha hai").region(codes.get(i % codes.size())).bytes();
                producer.send(new ProducerRecord<>(config.get("topic.posts"), account.getBytes(StandardCharsets.UTF_8), post));
            }
        }
        assertTrue(Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
            JsonNode regions = get(a, "/v1/regions").get("regions");
            long posts = 0;
            for (JsonNode r : regions) {
                posts += r.path("window").path("posts").asLong(0);
            }
            return posts == 200;
        }), "all 200 posts counted: " + get(a, "/v1/regions"));
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String code : codes) {
            JsonNode fromA = get(a, "/v1/regions/" + code);
            JsonNode fromB = get(b, "/v1/regions/" + code);
            assertEquals(fromA, fromB, code + " answered alike by both instances");
            assertEquals(50, fromA.get("window").get("posts").asLong(), code);
            owners.add(fromA.get("served_by").asText());
        }
        assertEquals(2, owners.size(), "each instance owns some regions (three partitions, two instances): " + owners);
        JsonNode punjab = get(a, "/v1/regions/PK-PB");
        assertTrue(punjab.get("window").get("top_terms").toString().contains("\"qafila rawana karo\""),
                "the rule's term, counted in Punjab: " + punjab);
        JsonNode sindh = get(a, "/v1/regions/PK-SD");
        assertTrue(sindh.get("window").get("top_terms").toString().contains("dharna")
                && !sindh.get("window").get("top_terms").toString().contains("qafila"), "the rule is for Punjab only: " + sindh);
        assertEquals(get(a, "/v1/alerts?state=all").get("alerts"), get(b, "/v1/alerts?state=all").get("alerts"), "the same stories");
        long start = System.nanoTime();
        int n = 50;
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(i % 2 == 0 ? a : b, "/v1/regions");
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("LIVE RULES: GET /v1/regions x%d over two instances: median %d ms, max %d ms (%d ms in all)%n", n, ms[n / 2],
                ms[n - 1], (System.nanoTime() - start) / 1_000_000);
    }

    private JsonNode get(Detector d, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + d.httpPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode rules(Detector d) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + d.httpPort() + "/v1/rules")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command line as a user would, returning what it printed; it must succeed. */
    private static String command(List<String> cluster, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(cluster);
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            code = Main.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", args) + " printed:\n" + out);
        return out;
    }
}
