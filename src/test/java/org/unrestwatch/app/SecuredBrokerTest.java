package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.cli.Main;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.testutil.TestPosts;
import org.unrestwatch.testutil.TestKeys;

/**
 * The detector against a broker that demands TLS and SCRAM-SHA-512, as a secured cluster does:
 * with the right credentials it works end to end; with wrong ones, or without trusting the
 * broker's certificate, {@code run} stops at once and says why. No secret reaches the output or
 * the logs (Kafka's logging raised to INFO, so its configuration dumps are checked too).
 */
class SecuredBrokerTest {
    private static final String USER = "alice";
    private static final String PASSWORD = SelfSignedTls.randomSecret();
    private static final String WRONG_PASSWORD = SelfSignedTls.randomSecret();

    @TempDir
    static Path dir;
    private static SelfSignedTls tls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecuredBroker() {
        tls = SelfSignedTls.createIn(dir);
        kafka = EmbeddedKafka.startSecured(dir.resolve("broker"),
                new ScramTlsListener(tls.keyStore(), tls.keyStorePassword(), Map.of(USER, PASSWORD)));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withTheRightCredentialsTheDetectorCreatesItsTopicsReadsAndWrites() throws Exception {
        Map<String, String> settings = detectorSettings("secured", clientSettings(PASSWORD));
        DetectorConfig config = DetectorConfig.of(Path.of("config"), settings);
        Path posts = dir.resolve("posts.jsonl");
        long now = System.currentTimeMillis();
        Files.write(posts, List.of(
                TestPosts.post("s1", now - 3000, "a1", "dharna at the press club").json(),
                TestPosts.post("s2", now - 2000, "a2", "hartal tomorrow").json(),
                TestPosts.post("s3", now - 1000, "a3", "traffic is slow today").json(),
                "not json"));

        List<ConsumerRecord<String, byte[]>> dead;
        String output;
        String log;
        try (CapturedLog captured = new CapturedLog(); CapturedOutput out = new CapturedOutput()) {
            // replay: checks the cluster, creates the three topics and produces, all over SASL_SSL.
            assertEquals(0, Main.execute(command(settings, "replay", posts.toString())), out::text);
            try (Detector detector = new Detector(config)) {
                detector.start();
                assertTrue(RealBrokerSupport.awaitConsumed(detector, 4, Duration.ofSeconds(30)), "four records read");
                dead = RealBrokerSupport.readUntil(config.kafkaSettings(), config.get("topic.dlq"), Duration.ofSeconds(30),
                        r -> !r.isEmpty());
            }
            output = out.text();
            log = captured.text();
        }
        assertEquals(1, dead.size(), "the malformed record, written by the detector's transactional producer");
        assertEquals("not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(log.contains("sasl.jaas.config = [hidden]"), "Kafka's configuration dumps were captured, and masked");
        assertNoSecrets(output + log);
    }

    @Test
    void runWithAWrongPasswordExitsAtOnceNamingTheAuthenticationFailure() {
        Failure f = runFailing(detectorSettings("wrong", clientSettings(WRONG_PASSWORD)));
        String expected = "kafka error: authentication failed for SASL user 'alice' at " + kafka.securedBootstrapServers()
                + " (SCRAM-SHA-512): check the user name and password in kafka.sasl.jaas.config (from --set kafka.sasl.jaas.config)";
        assertTrue(f.output.contains(expected), f.output);
        System.out.printf("wrong password: exit %d after %.2f s with: %s%n", f.code, f.seconds, expected);
    }

    @Test
    void runThatDoesNotTrustTheBrokerCertificateExitsAtOnceNamingTheTlsHandshake() {
        Map<String, String> client = clientSettings(PASSWORD);
        client.remove("kafka.ssl.truststore.location");
        client.remove("kafka.ssl.truststore.password");
        client.remove("kafka.ssl.truststore.type");
        Failure f = runFailing(detectorSettings("untrusted", client));
        assertTrue(f.output.contains("kafka error: TLS handshake with " + kafka.securedBootstrapServers() + " failed ("), f.output);
        assertTrue(f.output.contains("check kafka.ssl.truststore.location (not set)"), f.output);
        System.out.printf("untrusted certificate: exit %d after %.2f s with: %s", f.code, f.seconds, f.output);
    }

    @Test
    void runSpeakingPlaintextToTheSecuredListenerSaysTheProtocolMayNotMatch() {
        Map<String, String> settings = detectorSettings("plaintext", Map.of("kafka.bootstrap.servers", kafka.securedBootstrapServers()));
        // The broker just drops such a client, so this waits the whole (here short) connect timeout.
        Failure f = runFailing(settings, "--connect-timeout", "3s");
        assertTrue(f.output.contains("cannot reach Kafka at " + kafka.securedBootstrapServers() + " within 3 s"), f.output);
        assertTrue(f.output.contains("kafka.security.protocol must match: it is PLAINTEXT"), f.output);
    }

    private record Failure(int code, double seconds, String output) {
    }

    /** Runs {@code run}, expecting it to give up on Kafka well within its default 30 s connect timeout, with one message. */
    private static Failure runFailing(Map<String, String> settings, String... options) {
        int code;
        long start = System.nanoTime();
        String output;
        String log;
        try (CapturedLog captured = new CapturedLog(); CapturedOutput out = new CapturedOutput()) {
            List<String> head = new ArrayList<>(List.of("run"));
            head.addAll(List.of(options));
            code = Main.execute(command(settings, head.toArray(String[]::new)));
            output = out.text();
            log = captured.text();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Main.EXIT_KAFKA, code, output);
        assertTrue(seconds < 20, "gave up after " + seconds + " s");
        assertEquals(1, output.split("kafka error:", -1).length - 1, "one message: " + output);
        assertNoSecrets(output + log);
        return new Failure(code, seconds, output);
    }

    private static void assertNoSecrets(String text) {
        for (String secret : List.of(PASSWORD, WRONG_PASSWORD, tls.keyStorePassword(), tls.trustStorePassword())) {
            assertFalse(text.contains(secret), "a secret appears in the output or the log");
        }
    }

    /** What an operator sets to reach the secured listener. */
    private static Map<String, String> clientSettings(String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", kafka.securedBootstrapServers());
        s.put("kafka.security.protocol", "SASL_SSL");
        s.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        s.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + USER + "\" password=\"" + password + "\";");
        s.put("kafka.ssl.truststore.type", "PKCS12");
        s.put("kafka.ssl.truststore.location", tls.trustStore().toString());
        s.put("kafka.ssl.truststore.password", tls.trustStorePassword());
        return s;
    }

    private static Map<String, String> detectorSettings(String name, Map<String, String> client) {
        Map<String, String> s = new LinkedHashMap<>(client);
        s.put("application.id", "secured-" + name);
        s.put("topic.posts", name + ".posts");
        s.put("topic.alerts", name + ".alerts");
        s.put("topic.dlq", name + ".posts.dlq");
        s.put("state.dir", dir.resolve("state-" + name).toString());
        s.put("http.port", "0");
        s.put("alerts.pseudonym.key", TestKeys.PSEUDONYM);
        s.put("kafka.commit.interval.ms", "100");
        // Security is under test here, not scale: one thread and in-memory stores start faster.
        s.put("kafka.num.stream.threads", "1");
        s.put("state.store.type", "in_memory");
        return s;
    }

    private static String[] command(Map<String, String> settings, String... head) {
        List<String> args = new ArrayList<>(List.of(head));
        args.addAll(List.of("--config-dir", "config"));
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        return args.toArray(String[]::new);
    }

    /** Standard output and standard error, together, while open. */
    private static final class CapturedOutput implements AutoCloseable {
        private final PrintStream oldOut = System.out;
        private final PrintStream oldErr = System.err;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        CapturedOutput() {
            PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
        }

        String text() {
            System.out.flush();
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
