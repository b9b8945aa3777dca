package org.unrestwatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A detector in a JVM of its own ({@code unrest run}), as deployed: a kill -9 of it loses
 * exactly what a crash loses, which an in-process close cannot show. Its output goes to a file
 * under target/ ({@link #logTail()} puts the end of it in failure messages); its /metrics is read
 * over HTTP.
 */
final class ChildDetector implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Exit value the JDK reports for a process ended by signal 9 (128 + 9). */
    private static final int KILLED_BY_SIGKILL = 137;

    private final String label;
    private final Process process;
    private final Path log;
    private final int httpPort;

    private ChildDetector(String label, Process process, Path log, int httpPort) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code unrest run} with the shipped config/ and {@code settings} on top (http.port is
     * chosen here). The class path is the test JVM's: under Surefire a manifest-only booter jar,
     * whose Class-Path the child's launcher follows as well.
     */
    static ChildDetector start(String label, Map<String, String> settings) {
        int port = EmbeddedKafka.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), "org.unrestwatch.cli.Main", "run", "--config-dir", "config"));
        settings.forEach((k, v) -> {
            command.add("--set");
            command.add(k + "=" + v);
        });
        command.add("--set");
        command.add("http.port=" + port);
        Path log = Path.of("target", "child-detectors", label + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Kafka's warnings (fencing, timeouts, rebalances) are what a failure message needs.
            builder.environment().put("KAFKA_LOG_LEVEL", "WARN");
            return new ChildDetector(label, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the detector JVM " + label, e);
        }
    }

    /** Waits for /ready (streams RUNNING); false if the JVM died or the time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return Await.until(timeout, Duration.ofMillis(100), () -> !process.isAlive()
                || get("/ready").map(r -> r.statusCode() == 200).orElse(false)) && process.isAlive();
    }

    /** Posts this JVM has read from the posts topic since it started (re-reads after a crash included). */
    long consumed() {
        return (long) metric("unrest_posts_consumed_total");
    }

    long lateDropped() {
        return (long) metric("unrest_posts_late_dropped_total");
    }

    /** Waits until {@link #consumed()} reaches {@code n}, polling often so that a kill lands close to it. */
    boolean awaitConsumed(long n, Duration timeout) throws InterruptedException {
        return Await.until(timeout, Duration.ofMillis(20), () -> !process.isAlive() || consumed() >= n) && process.isAlive();
    }

    /** The sum of a Prometheus metric's series, 0 when absent or when the endpoint does not answer. */
    double metric(String name) {
        return get("/metrics").map(r -> r.body().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum()).orElse(0.0);
    }

    private java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return java.util.Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /**
     * kill -9: {@link Process#destroyForcibly()} sends SIGKILL on Linux (checked here through the
     * exit value 137), so nothing in the JVM runs after it: no shutdown hook, no close, no commit.
     */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(label + " survived SIGKILL");
        }
        if (process.exitValue() != KILLED_BY_SIGKILL) {
            throw new IllegalStateException(label + " ended with " + process.exitValue() + ", not by SIGKILL\n" + logTail());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the child's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
            return "--- " + log + " (last 40 lines) ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** Whether the child's output has a line containing {@code text} (Kafka's client warnings among it). */
    boolean logContains(String text) {
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(l -> l.contains(text));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** Never leaves a JVM behind, whatever the test did. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
