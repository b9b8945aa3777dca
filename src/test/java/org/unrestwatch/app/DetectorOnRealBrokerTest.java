package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.post.DeadLetterHeaders;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.AlertIdentity;
import org.unrestwatch.testutil.AlertSchema;
import org.unrestwatch.testutil.ReferenceRun;

/** The detector on a real KRaft broker with real RocksDB stores, exactly-once, as deployed. */
class DetectorOnRealBrokerTest {
    private static final Set<String> SURGE = Set.copyOf(ScenarioGenerator.SURGE_REGIONS);
    /** The surging provinces and the one with a slow build-up: every story the scenario should raise. */
    private static final Set<String> ALERTING = java.util.stream.Stream.concat(SURGE.stream(),
            ScenarioGenerator.BUILD_UP_REGIONS.stream()).collect(Collectors.toUnmodifiableSet());

    @TempDir
    Path state;

    private static List<Alert> alerts(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> AlertJson.fromBytes(r.value())).toList();
    }

    private static boolean allResolved(List<ConsumerRecord<String, byte[]>> records) {
        List<Alert> a = alerts(records);
        Set<String> resolved = a.stream().filter(x -> x.status() == AlertStatus.RESOLVED).map(x -> x.region().code())
                .collect(Collectors.toSet());
        return resolved.containsAll(ALERTING);
    }

    /** The scenario paced in event time at 1500x (six hours in under fifteen seconds), as posts arrive in operation. */
    @Test
    void scenarioYieldsTheExpectedAlertsAndDeadLetters() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("scenario", state, Map.of("http.auth.token", "s3cret-token"));
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        List<ScenarioRecord> records = new ScenarioGenerator(7, RealBrokerSupport.recentStart()).generate();
        try (Detector detector = new Detector(config)) {
            detector.start();
            assertTrue(detector.awaitRunning(Duration.ofSeconds(60)), "streams running");
            RealBrokerSupport.produce(config, records, 1500);
            List<ConsumerRecord<String, byte[]>> out = RealBrokerSupport.readUntil(config.get("topic.alerts"),
                    Duration.ofSeconds(120), DetectorOnRealBrokerTest::allResolved);
            List<Alert> alerts = alerts(out);
            Map<String, List<AlertStatus>> byRegion = alerts.stream().collect(Collectors.groupingBy(a -> a.region().code(),
                    Collectors.mapping(Alert::status, Collectors.toList())));
            assertEquals(ALERTING, byRegion.keySet(), "alerts only for the surging provinces: " + byRegion);
            for (String region : ScenarioGenerator.BUILD_UP_REGIONS) {
                Alert open = alerts.stream().filter(a -> a.region().code().equals(region) && a.status() == AlertStatus.OPEN)
                        .findFirst().orElseThrow();
                assertTrue(open.summary().startsWith("sustained rise"), "the build-up is found by the sustained test: " + open.summary());
            }
            byRegion.forEach((region, statuses) -> {
                assertEquals(AlertStatus.OPEN, statuses.get(0), region + " " + statuses);
                assertEquals(1, statuses.stream().filter(s -> s == AlertStatus.OPEN).count(), region + " " + statuses);
                assertEquals(AlertStatus.RESOLVED, statuses.get(statuses.size() - 1), region + " " + statuses);
            });
            assertEquals(0.0, RealBrokerSupport.lateDropped(detector), "posts dropped as late");
            for (ConsumerRecord<String, byte[]> r : out) {
                assertEquals("", AlertSchema.violations(r.value()));
                Alert a = AlertJson.fromBytes(r.value());
                assertEquals(r.key(), a.region().code());
                assertEquals(a.alertId() + "/" + a.version(), new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8),
                        "CloudEvents id header");
            }
            // For services: a compacted topic whose last record per alert id is the story's latest version.
            String stateTopic = org.unrestwatch.streams.Topics.from(config).alertState().name();
            Map<String, Alert> latest = new java.util.HashMap<>();
            alerts.forEach(a -> latest.put(a.alertId(), a));
            List<ConsumerRecord<String, byte[]>> state = RealBrokerSupport.readUntil(stateTopic, Duration.ofSeconds(30),
                    r -> r.size() >= alerts.size());
            Map<String, Alert> latestInState = new java.util.HashMap<>();
            state.forEach(r -> latestInState.put(r.key(), AlertJson.fromBytes(r.value())));
            assertEquals(latest, latestInState, "alerts.state ends on each story's latest version");
            try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
                var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, stateTopic);
                String policy = admin.describeConfigs(List.of(resource)).all().get(30, java.util.concurrent.TimeUnit.SECONDS)
                        .get(resource).get("cleanup.policy").value();
                assertEquals("compact", policy, stateTopic + " is compacted");
            }
            assertQueryApiAnswersFromState(detector.httpPort(), latest);
            // Issue #18 on the real stack: the campaign pasted in Sindh named in its alerts, no copy-paste named elsewhere,
            // and the slogan rising in Islamabad suggested on the compacted suggestions topic and by GET /v1/terms/emerging.
            assertTrue(alerts.stream().anyMatch(a -> a.region().code().equals("PK-SD") && a.coordination() != null
                    && a.coordination().largest().text().startsWith("kal subah sab karachi press club")), "Sindh's alerts name the campaign");
            assertEquals(List.of(), alerts.stream().filter(a -> !a.region().code().equals("PK-SD") && a.coordination() != null)
                    .map(Alert::summary).toList(), "no copy-paste where none was pasted");
            assertSloganSuggested(detector.httpPort(), org.unrestwatch.streams.Topics.from(config).emergingTerms().name());

            List<ScenarioRecord> malformed = records.stream().filter(ScenarioRecord::malformed).toList();
            List<ConsumerRecord<String, byte[]>> dead = RealBrokerSupport.readUntil(config.get("topic.dlq"),
                    Duration.ofSeconds(30), d -> d.size() >= malformed.size());
            assertEquals(malformed.size(), dead.size());
            Set<String> sentBad = malformed.stream().map(m -> new String(m.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
            for (ConsumerRecord<String, byte[]> d : dead) {
                assertTrue(sentBad.contains(new String(d.value(), StandardCharsets.UTF_8)), "original bytes");
                assertTrue(d.headers().lastHeader(DeadLetterHeaders.REASON) != null, "reason header");
                assertEquals(config.get("topic.posts"),
                        new String(d.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRestartedDetectorResumesWithoutRepeatingAlerts() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("restart", state);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        Instant start = RealBrokerSupport.recentStart();
        List<ScenarioRecord> records = new ScenarioGenerator(11, start).generate();
        long cut = ScenarioGenerator.surgeStart(start).plus(Duration.ofMinutes(25)).toEpochMilli();
        List<ScenarioRecord> before = records.stream().filter(r -> r.eventTimeMs() < cut).toList();
        List<ScenarioRecord> after = records.stream().filter(r -> r.eventTimeMs() >= cut).toList();

        try (Detector first = new Detector(config)) {
            first.start();
            assertTrue(first.awaitRunning(Duration.ofSeconds(60)));
            RealBrokerSupport.produce(config, before, 600);
            List<Alert> opened = alerts(RealBrokerSupport.readUntil(config.get("topic.alerts"), Duration.ofSeconds(90),
                    r -> alerts(r).stream().filter(a -> a.status() == AlertStatus.OPEN).map(a -> a.region().code())
                            .collect(Collectors.toSet()).containsAll(SURGE)));
            assertTrue(opened.stream().filter(a -> a.status() == AlertStatus.OPEN).map(a -> a.region().code())
                    .collect(Collectors.toSet()).containsAll(SURGE), "the three surge stories open before the restart");
            assertTrue(RealBrokerSupport.awaitConsumed(first, before.size(), Duration.ofSeconds(60)), "first half read");
        }
        try (Detector second = new Detector(config)) {
            second.start();
            assertTrue(second.awaitRunning(Duration.ofSeconds(60)));
            RealBrokerSupport.produce(config, after, 600);
            List<Alert> alerts = alerts(RealBrokerSupport.readUntil(config.get("topic.alerts"), Duration.ofSeconds(120),
                    DetectorOnRealBrokerTest::allResolved));
            for (String region : ALERTING) {
                List<AlertStatus> story = alerts.stream().filter(a -> a.region().code().equals(region)).map(Alert::status).toList();
                assertEquals(1, story.stream().filter(s -> s == AlertStatus.OPEN).count(), "no repeated OPEN in " + region + story);
                assertEquals(1, story.stream().filter(s -> s == AlertStatus.RESOLVED).count(), region + " " + story);
            }
            Set<String> seen = new HashSet<>();
            for (Alert a : alerts) {
                assertTrue(seen.add(a.alertId() + "|" + a.status() + "|" + a.severity()), "repeated alert " + a);
            }
        }
    }

    /** An alert state topic created by hand without compaction would lose stories after its retention: startup refuses it. */
    @Test
    void anExistingStateTopicThatIsNotCompactedIsRefused() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("uncompacted", state);
        String stateTopic = org.unrestwatch.streams.Topics.from(config).alertState().name();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", config.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(stateTopic, 1, (short) 1)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(TopicAdmin.KafkaUnavailable.class,
                () -> TopicAdmin.ensureTopics(config, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains(stateTopic) && e.getMessage().contains("cleanup.policy=delete")
                && e.getMessage().contains("topic.alerts.state"), e.getMessage());
    }

    /** The query API: every story's latest version from the detector's global store, behind the bearer token. */
    private static void assertSloganSuggested(int port, String topic) throws Exception {
        List<ConsumerRecord<String, byte[]>> suggested = RealBrokerSupport.readUntil(topic, Duration.ofSeconds(30),
                r -> r.stream().anyMatch(x -> x.key().startsWith("PK-IS|qafila")));
        assertTrue(suggested.stream().anyMatch(x -> x.key().startsWith("PK-IS|qafila")), "the slogan on " + topic);
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/v1/terms/emerging?region=PK-IS&limit=500")).header("Authorization", "Bearer s3cret-token").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        var terms = AlertJson.mapper().readTree(answer.body()).get("terms");
        boolean slogan = false;
        for (var t : terms) {
            assertEquals("PK-IS", t.get("region").get("code").asText(), "only the region asked for");
            slogan |= t.get("term").asText().contains("qafila") && t.get("promote").asText().startsWith("rules add-term");
        }
        assertTrue(slogan, answer.body());
    }

    private static void assertQueryApiAnswersFromState(int port, Map<String, Alert> latest) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer s3cret-token").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var mapper = AlertJson.mapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        com.fasterxml.jackson.databind.JsonNode all;
        do {
            var r = get.apply("/v1/alerts?state=all");
            all = r.statusCode() == 200 ? mapper.readTree(r.body()) : null;
        } while ((all == null || all.get("total").asInt() < latest.size()) && System.nanoTime() < deadline && sleepLittle());
        org.junit.jupiter.api.Assertions.assertNotNull(all, "the query API answered 200 within 30 s");
        assertEquals(latest.size(), all.get("total").asInt(), all.toString());
        for (var node : all.get("alerts")) {
            Alert a = mapper.treeToValue(node, Alert.class);
            assertEquals(latest.get(a.alertId()), a, "the story's latest version");
        }
        assertEquals(0, mapper.readTree(get.apply("/v1/alerts").body()).get("total").asInt(), "every story has resolved: none open");
        Alert one = latest.values().iterator().next();
        var story = mapper.readTree(get.apply("/v1/alerts/" + one.alertId()).body());
        assertEquals(one.version().intValue(), story.get("versions").asInt());
        assertEquals(one.alertId(), story.get("alert").get("alert_id").asText());
        // Paging: newest first, each story once, the cursor carrying on after the last one shown.
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = mapper.readTree(get.apply("/v1/alerts?state=all&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.get("alerts").forEach(n -> paged.add(n.get("opened_at").asText() + " " + n.get("alert_id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null && paged.size() <= latest.size());
        assertEquals(latest.size(), paged.size(), "every story once over the pages: " + paged);
        List<String> newestFirst = new java.util.ArrayList<>(paged);
        newestFirst.sort(java.util.Comparator.comparing((String x) -> x.split(" ")[0]).reversed().thenComparing(x -> x.split(" ")[1]));
        assertEquals(newestFirst, paged);
        assertEquals(404, get.apply("/v1/alertsX").statusCode(), "no prefix matches");
        assertEquals(404, get.apply("/metricsX").statusCode());
        assertEquals(400, get.apply("/v1/alerts?severity=HIGH").statusCode(), "an unknown parameter is refused, not ignored");
        assertEquals(404, get.apply("/v1/alerts/no-such-story").statusCode());
        assertEquals(400, get.apply("/v1/alerts?min_severity=EXTREME").statusCode());
        var anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/alerts")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the token is required");
        var index = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(index.statusCode() == 200 && index.body().contains("/v1/alerts") && index.body().contains("/metrics"), index.body());
    }

    private static boolean sleepLittle() {
        try {
            Thread.sleep(200); // polling the endpoint with a deadline, not waiting for a condition blind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
