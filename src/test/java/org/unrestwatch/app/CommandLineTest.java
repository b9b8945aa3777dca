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
