package org.unrestwatch.app;

import org.unrestwatch.cli.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.testutil.TestKeys;

class CommandLineTest {
    @TempDir
    Path dir;

    private static String captureErr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runAgainstAnAbsentBrokerFailsFastNamingTheAddress() {
        int port = EmbeddedKafka.freePort();
        int[] code = new int[1];
        long t0 = System.nanoTime();
        String err = captureErr(() -> code[0] = Main.execute("run", "--connect-timeout", "5s",
                "--set", "kafka.bootstrap.servers=localhost:" + port, "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Main.EXIT_KAFKA, code[0], err);
        assertTrue(err.contains("localhost:" + port), err);
        assertTrue(seconds < 20, "gave up after " + seconds + " s");
    }

    /** A host name that resolves nowhere (".invalid" never does) is a Kafka error, exit 3, naming the address. */
    @Test
    void runAgainstAnUnresolvableHostExits3NamingIt() {
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.execute("run", "--connect-timeout", "5s",
                "--set", "kafka.bootstrap.servers=brokr1.invalid:9092", "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM));
        assertEquals(Main.EXIT_KAFKA, code[0], err);
        assertTrue(err.contains("brokr1.invalid:9092") && err.contains("host name"), err);
    }

    @Test
    void aBadConfigStopsStartupWithTheKey() {
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.execute("run", "--set", "window.sise=5m"));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(err.contains("window.sise") && err.contains("window.size"), err);
    }

    @Test
    void runChecksEveryFileBeforeItTouchesKafka() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config.resolve("gazetteer"));
        for (String f : List.of("detector.properties", "regions.csv", "gazetteer/pk_places.csv")) {
            Files.copy(Path.of("config").resolve(f), config.resolve(f));
        }
        Files.writeString(config.resolve("lexicon.csv"), "term,category,lang,weight\ndharna,mobilisation,ur-Latn,heavy\n");
        int[] code = new int[1];
        // The broker address is unreachable: a run that tried Kafka first would exit 3, not 2.
        String err = captureErr(() -> code[0] = Main.execute("run", "--config-dir", config.toString(), "--connect-timeout", "5s",
                "--set", "kafka.bootstrap.servers=localhost:" + EmbeddedKafka.freePort(), "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM));
        assertEquals(Main.EXIT_CONFIG, code[0], err);
        assertTrue(err.contains("lexicon.csv:2"), err);

        String weakKey = captureErr(() -> code[0] = Main.execute("run", "--config-dir", "config", "--connect-timeout", "5s",
                "--set", "kafka.bootstrap.servers=localhost:" + EmbeddedKafka.freePort(), "--set", "alerts.pseudonym.key=change-me-in-production"));
        assertEquals(Main.EXIT_CONFIG, code[0], weakKey);
        assertTrue(weakKey.contains("alerts.pseudonym.key") && weakKey.contains("openssl rand"), weakKey);

        String noDir = captureErr(() -> code[0] = Main.execute("run", "--config-dir", dir.resolve("nowhere").toString()));
        assertEquals(Main.EXIT_CONFIG, code[0], noDir);
        assertTrue(noDir.contains("config directory") && noDir.contains("nowhere"), noDir);
    }

    @Test
    void generateWritesTheScenarioAsJsonLines() throws Exception {
        Path out = dir.resolve("scenario.jsonl");
        assertEquals(0, Main.execute("generate", "--seed", "3", "--out", out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 3000, "lines: " + lines.size());
        assertTrue(lines.get(0).startsWith("{"));
    }

    @Test
    void replayPutsAFileIntoThePostsTopicShiftedToNow() throws Exception {
        Path file = dir.resolve("posts.jsonl");
        Files.writeString(file, """
                {"id":"r1","created_at":"2020-01-01T00:00:00Z","text":"dharna","account":{"id":"a1"}}
                {"id":"r2","created_at":"2020-01-01T00:01:00Z","text":"hartal","account":{"id":"a2"}}
                not json
                """);
        DetectorConfig config = RealBrokerSupport.config("replay", dir.resolve("state"));
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.execute("replay", file.toString(), "--shift-to-now", "--rate", "100",
                "--set", "kafka.bootstrap.servers=" + config.bootstrapServers(), "--set", "topic.posts=replay.posts",
                "--set", "topic.alerts=replay.alerts", "--set", "topic.dlq=replay.dlq"));
        assertEquals(0, code[0], err);
        assertTrue(err.contains("1 of 3 lines") && err.contains("(lines 3)") && err.contains("dead-letter"), "the garbage line is named: " + err);
        var records = RealBrokerSupport.readUntil("replay.posts", Duration.ofSeconds(30), r -> r.size() >= 3);
        assertEquals(3, records.size());
        for (var r : records) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            if (value.contains("\"r1\"")) {
                assertEquals("a1", r.key(), "keyed by account id");
            }
            if (value.equals("not json")) {
                assertEquals(null, r.key(), "a malformed line is sent as it is, for the DLQ to catch");
            } else {
                assertTrue(!value.contains("2020-01-01"), "created_at shifted: " + value);
            }
        }
    }

    /** What is local is checked before what is remote: no 30 s wait for a broker to learn that the file is missing or binary. */
    @Test
    void replayOfAMissingOrBinaryFileSaysSoAtOnce() throws Exception {
        int port = EmbeddedKafka.freePort(); // nothing listens there
        int[] code = new int[1];
        String missing = captureErr(() -> code[0] = Main.execute("replay", dir.resolve("nope.jsonl").toString(),
                "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(missing.contains("no such file") && missing.contains("nope.jsonl"), missing);
        Path binary = dir.resolve("image.jsonl");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, 0x28});
        String notText = captureErr(() -> code[0] = Main.execute("replay", binary.toString(), "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(notText.contains("line 1 is not UTF-8 text"), notText);

        // The line named is the line with the bad byte, however far down (the reader must not read ahead of it).
        Path badLine66 = dir.resolve("bad66.jsonl");
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            good.append("{\"id\":\"p").append(i).append("\",\"created_at\":\"2025-11-08T10:00:00Z\",\"text\":\"")
                    .append("x".repeat(200)).append("\",\"account\":{\"id\":\"a\"}}\n");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(good.toString().getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'{', (byte) 0xff, '}', '\n'});
        Files.write(badLine66, bytes.toByteArray());
        String at66 = captureErr(() -> code[0] = Main.execute("replay", badLine66.toString(), "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(at66.contains("line 66 is not UTF-8 text"), at66);

        Path csv = dir.resolve("posts.csv");
        Files.writeString(csv, "id,created_at,text\n1,2025-11-08T10:00:00Z,dharna\n2,2025-11-08T10:01:00Z,hartal\n");
        String noPost = captureErr(() -> code[0] = Main.execute("replay", csv.toString(), "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0], "nothing sent when no line is a post");
        assertTrue(noPost.contains("none of the 3 lines") && noPost.contains("id,created_at,text"), noPost);

        String folder = captureErr(() -> code[0] = Main.execute("replay", dir.toString(), "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(folder.contains("is a folder"), folder);

        String negative = captureErr(() -> code[0] = Main.execute("replay", badLine66.toString(), "--rate", "-5",
                "--set", "kafka.bootstrap.servers=localhost:" + port));
        assertEquals(Main.EXIT_CONFIG, code[0]);
        assertTrue(negative.contains("--rate must be 0"), negative);
    }

    /** A taken HTTP port is a setting to change (exit 2), said before any wait for Kafka. */
    @Test
    void aTakenHttpPortIsAConfigurationErrorFoundBeforeKafka() throws Exception {
        int kafkaPort = EmbeddedKafka.freePort(); // nothing listens there
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int[] code = new int[1];
            long t0 = System.nanoTime();
            String err = captureErr(() -> code[0] = Main.execute("run", "--connect-timeout", "20s",
                    "--set", "kafka.bootstrap.servers=localhost:" + kafkaPort, "--set", "alerts.pseudonym.key=" + TestKeys.PSEUDONYM,
                    "--set", "http.bind.address=127.0.0.1", "--set", "http.port=" + taken.getLocalPort()));
            assertEquals(Main.EXIT_CONFIG, code[0], err);
            assertTrue(err.contains("cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort()) && err.contains("http.port"), err);
            assertTrue((System.nanoTime() - t0) / 1e9 < 15, "said before waiting 20 s for Kafka");
        }
    }

    /** A region the detector does not know would filter out every alert: watch refuses it, naming the known ones. */
    @Test
    void watchRefusesARegionItDoesNotKnow() {
        int[] code = new int[1];
        String err = captureErr(() -> code[0] = Main.execute("watch", "--region", "PK-XX", "--set", "kafka.bootstrap.servers=localhost:1"));
        assertEquals(Main.EXIT_CONFIG, code[0], err);
        assertTrue(err.contains("PK-XX") && err.contains("PK-PB"), err);
    }

    @Test
    void healthAndReadinessAreServedOverHttp() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("http", dir.resolve("state"));
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        try (Detector detector = new Detector(config)) {
            assertEquals(503, status(detector.httpPort(), "/ready"), "not ready before start");
            detector.start();
            assertTrue(detector.awaitRunning(Duration.ofSeconds(60)));
            assertEquals(200, status(detector.httpPort(), "/ready"));
            assertEquals(200, status(detector.httpPort(), "/health"));
            assertEquals(200, status(detector.httpPort(), "/metrics"));
        }
    }

    private static int status(int port, String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** Found by a new user: the jar used to work only from the checkout's root (config/ relative to the working directory). */
    @Test
    void theDefaultConfigIsFoundFromAnyWorkingDirectory(@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        Path ibm = Path.of("src/test/resources/nab/Twitter_volume_IBM.csv").toAbsolutePath();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.unrestwatch.cli.Main", "evaluate", ibm.toString(), "--out-dir", "out")
                .directory(elsewhere.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(java.nio.file.Files.notExists(elsewhere.resolve("config")), "precondition: no config/ where it ran");
        assertTrue(java.nio.file.Files.exists(elsewhere.resolve("out/Twitter_volume_IBM.results.csv")), output);
    }
}
