package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.cli.Main;
/**
 * A detector that can no longer work must not linger with dead streams: an operator deletes the
 * posts topic under a running detector; its stream thread fails (with no replacement allowed here:
 * {@code StreamsSupervisorTest} covers the bounded replacements), and
 * {@code run} exits 1 with the reason, so that systemd, Kubernetes or compose restart it.
 */
class FailLoudTest {
    @TempDir
    Path state;

    @Test
    void runExitsNonZeroWithTheReasonWhenStreamsCannotGoOn() throws Exception {
        String name = "failloud";
        int port = EmbeddedKafka.freePort();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> settings = RealBrokerSupport.settings(name, SharedBroker.bootstrap(), state);
            settings.putAll(Map.of("http.port", Integer.toString(port), "streams.max.thread.replacements", "0",
                    "kafka.num.stream.threads", "1"));
            List<String> args = new java.util.ArrayList<>(List.of("run"));
            args.addAll(RealBrokerSupport.asArguments(settings));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.execute(args.toArray(String[]::new)));
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!isOk(http, ready)) {
                assertTrue(System.nanoTime() < deadline && !exit.isDone(), "never ready: " + err);
                Thread.sleep(200);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap()))) {
                admin.deleteTopics(List.of(settings.get("topic.posts"))).all().get(30, TimeUnit.SECONDS);
            }
            long deleted = System.nanoTime();
            int code = exit.get(120, TimeUnit.SECONDS);
            String out = err.toString(StandardCharsets.UTF_8);
            oldErr.printf("run exited %d, %.1f s after the posts topic was deleted; it said:%n%s%n", code,
                    (System.nanoTime() - deleted) / 1e9, out);
            assertEquals(1, code, out);
            assertTrue(out.contains("detector failed:") && out.contains("exiting with status 1"), out);
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void healthAndReadySayWhyTheDetectorIsDown() throws Exception {
        var config = RealBrokerSupport.config("healthwhy", state, Map.of("streams.max.thread.replacements", "0",
                "kafka.num.stream.threads", "1"));
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        try (Detector detector = new Detector(config)) {
            detector.start();
            assertTrue(detector.awaitRunning(Duration.ofSeconds(60)));
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + detector.httpPort() + "/health");
            URI ready = URI.create("http://127.0.0.1:" + detector.httpPort() + "/ready");
            assertEquals(200, get(http, health).statusCode());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrap()))) {
                admin.deleteTopics(List.of(config.get("topic.posts"))).all().get(30, TimeUnit.SECONDS);
            }
            detector.fatal().get(60, TimeUnit.SECONDS);
            HttpResponse<String> down = get(http, health);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"status\":\"DOWN\"") && down.body().contains("MissingSourceTopicException"), down.body());
            HttpResponse<String> notReady = get(http, ready);
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("MissingSourceTopicException"), notReady.body());
            assertEquals(0.0, detector.registry().get("unrest.streams.up").gauge().value());
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isOk(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
