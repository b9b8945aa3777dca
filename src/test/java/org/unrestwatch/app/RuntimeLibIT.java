package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unrestwatch.cli.Main;
import org.unrestwatch.testutil.TestKeys;
/**
 * The runtime without the broker (maven-failsafe-plugin, after {@code package}): target/runtime-lib,
 * which the container image ships as /app/lib, has no embedded broker, and the detector's commands
 * work with it alone in a child JVM; {@code demo} says in one line that it needs the full build.
 *
 * <p>The child JVMs run from a copy laid out like the image ({@code unrest-detector.jar}, {@code lib/}
 * = runtime-lib, {@code config/}): the jar's manifest Class-Path names {@code lib/...} relative to the
 * jar, so a run of target/unrest-detector.jar would also pick up target/lib and prove nothing.
 */
class RuntimeLibIT {
    private static final Path TARGET = Path.of(System.getProperty("project.build.directory", "target"));
    private static final Path LIB = TARGET.resolve("lib");
    private static final Path RUNTIME_LIB = TARGET.resolve("runtime-lib");
    /** Jar name prefixes that only the embedded broker needs. */
    private static final List<String> BROKER_JARS = List.of("kafka_2.13-", "kafka-server-", "kafka-raft-", "kafka-metadata-",
            "kafka-storage-", "scala-library-", "scala-reflect-");
    private static final String KEY = TestKeys.PSEUDONYM;

    private static Path image;

    @BeforeAll
    static void layOutTheImage() throws IOException {
        assertTrue(Files.isRegularFile(TARGET.resolve("unrest-detector.jar")), "run after package: no " + TARGET.resolve("unrest-detector.jar"));
        image = TARGET.resolve("runtime-lib-it");
        TempDirs.deleteQuietly(image);
        Files.createDirectories(image.resolve("lib"));
        Files.copy(TARGET.resolve("unrest-detector.jar"), image.resolve("unrest-detector.jar"));
        for (String jar : jarNames(RUNTIME_LIB)) {
            Files.copy(RUNTIME_LIB.resolve(jar), image.resolve("lib").resolve(jar));
        }
        copyTree(Path.of("config"), image.resolve("config"));
    }

    @Test
    void runtimeLibHasNoBrokerAndTheFullLibStillHasIt() throws IOException {
        Set<String> runtime = jarNames(RUNTIME_LIB);
        Set<String> full = jarNames(LIB);
        for (String prefix : BROKER_JARS) {
            assertTrue(runtime.stream().noneMatch(j -> j.startsWith(prefix)), prefix + "* in " + RUNTIME_LIB + ": " + runtime);
        }
        assertTrue(runtime.stream().anyMatch(j -> j.startsWith("kafka-streams-")), "kafka-streams missing: " + runtime);
        assertTrue(full.containsAll(runtime), "target/lib lacks " + difference(runtime, full));
        for (String prefix : List.of("kafka_2.13-", "kafka-server-", "scala-library-")) {
            assertTrue(full.stream().anyMatch(j -> j.startsWith(prefix)), prefix + "* missing from " + LIB + " (demo needs it)");
        }
        System.out.printf("target/lib: %d jars, %.1f MB; target/runtime-lib: %d jars, %.1f MB%n", full.size(), megabytes(LIB),
                runtime.size(), megabytes(RUNTIME_LIB));
    }

    @Test
    void onlyEmbeddedKafkaReferencesClassesMissingFromRuntimeLib() throws IOException {
        // Static references only (jdeps); the child JVM runs below cover what is loaded at run time.
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElse(null);
        if (jdeps == null) {
            System.out.println("no jdeps in this JDK: static reference check skipped");
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String classPath = jarNames(RUNTIME_LIB).stream().map(j -> RUNTIME_LIB.resolve(j).toString())
                .collect(Collectors.joining(java.io.File.pathSeparator)); // no launcher here to expand lib/*
        int rc = jdeps.run(print, print, "--multi-release", "17", "--missing-deps", "-cp", classPath,
                TARGET.resolve("classes").toString());
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, report);
        // "   org.x.Y   -> kafka.server.KafkaConfig   not found" per missing reference
        Pattern missing = Pattern.compile("^\\s+(\\S+)\\s+->\\s+\\S+\\s+not found$");
        Set<String> classes = report.lines().map(missing::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(EmbeddedKafka.class.getName()), classes, report);
    }

    @Test
    void commandsRunWithRuntimeLibAlone() throws Exception {
        for (String command : List.of("run", "replay", "generate", "evaluate", "demo")) {
            Result help = cli(command, "--help");
            assertEquals(0, help.code, help.toString());
            assertTrue(help.out.contains("Usage: unrest " + command), help.toString());
        }
        Path scenario = image.resolve("scenario.jsonl");
        Result generate = cli("generate", "--seed", "7", "-o", scenario.toString());
        assertEquals(0, generate.code, generate.toString());
        assertTrue(Files.readAllLines(scenario).size() > 3000, generate.toString());
    }

    @Test
    void demoSaysInOneLineThatItNeedsTheFullBuild() throws Exception {
        for (String command : List.of("demo", "bench")) {
            Result r = cli(command);
            assertEquals(Main.EXIT_NO_BROKER, r.code, r.toString());
            List<String> lines = r.err.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), r.toString());
            assertTrue(lines.get(0).startsWith(command + " needs the embedded broker: use the full build's target/lib"), r.toString());
            assertFalse(r.out.contains("Exception") || r.err.contains("Exception"), r.toString());
        }
    }

    /** The detector itself, from runtime-lib alone, against a real broker: up, ready, and consuming what replay sends. */
    @Test
    void theDetectorRunsAndConsumesWithRuntimeLibAlone() throws Exception {
        String bootstrap = SharedBroker.bootstrap();
        Path scenario = image.resolve("scenario-e2e.jsonl");
        assertEquals(0, cli("generate", "--seed", "11", "-o", scenario.toString()).code);
        long posts;
        try (Stream<String> lines = Files.lines(scenario)) {
            // The first thousand posts: enough to show it consumes; the whole scenario is other tests' job.
            List<String> head = lines.filter(l -> !l.isBlank()).limit(1_000).toList();
            Files.write(scenario, head);
            posts = head.size();
        }
        int httpPort = EmbeddedKafka.freePort();
        List<String> common = List.of("--set", "kafka.bootstrap.servers=" + bootstrap, "--set", "topic.posts=rl.posts",
                "--set", "topic.alerts=rl.alerts", "--set", "topic.dlq=rl.posts.dlq", "--set", "topic.retention=-1");
        List<String> run = new ArrayList<>(List.of("run", "--set", "application.id=it-runtime-lib", "--set",
                "state.dir=" + image.resolve("state"), "--set", "http.port=" + httpPort, "--set", "alerts.pseudonym.key=" + KEY,
                "--set", "kafka.commit.interval.ms=100"));
        run.addAll(common);
        Path detectorLog = image.resolve("detector.log");
        long t0 = System.nanoTime();
        Process detector = start(run, detectorLog);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + httpPort;
            await(Duration.ofSeconds(120), () -> status(http, base + "/ready") == 200, detector, detectorLog, "/ready = 200");
            System.out.printf("detector from runtime-lib ready after %.1f s%n", (System.nanoTime() - t0) / 1e9);
            List<String> replay = new ArrayList<>(List.of("replay", scenario.toString(), "--shift-to-now"));
            replay.addAll(common);
            Result sent = cli(replay.toArray(String[]::new));
            assertEquals(0, sent.code, sent.toString());
            await(Duration.ofSeconds(120), () -> consumed(http, base) >= posts, detector, detectorLog,
                    "unrest_posts_consumed_total >= " + posts);
            System.out.printf("%d posts replayed and consumed after %.1f s%n", posts, (System.nanoTime() - t0) / 1e9);
        } finally {
            detector.destroy();
            if (!detector.waitFor(60, TimeUnit.SECONDS)) {
                detector.destroyForcibly();
            }
        }
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static List<String> javaCommand(List<String> args) {
        // A java -cp style run, the class path being the image's jar and lib/ (runtime-lib) only.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + image.toAbsolutePath(), "-cp",
                image.resolve("unrest-detector.jar").toAbsolutePath() + java.io.File.pathSeparator + image.resolve("lib").toAbsolutePath() + "/*",
                Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    private static Result cli(String... args) throws Exception {
        Path out = Files.createTempFile(image, "out-", ".txt");
        Path err = Files.createTempFile(image, "err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(javaCommand(Arrays.asList(args))).directory(image.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("UNREST_PSEUDONYM_KEY", KEY);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", args) + "\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Process start(List<String> args, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(args)).directory(image.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("UNREST_PSEUDONYM_KEY", KEY);
        return pb.start();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Duration timeout, Check check, Process detector, Path log, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!detector.isAlive()) {
                fail("the detector exited with " + detector.exitValue() + " before " + what + ":\n" + tail(log));
            }
            if (check.ok()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + ":\n" + tail(log));
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double consumed(HttpClient http, String base) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("unrest_posts_consumed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Set<String> jarNames(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "no " + dir + " (run after package)");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static double megabytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum() / 1e6;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
