package org.unrestwatch.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed stream thread costs and when the detector must stop: a thread that dies
 * is replaced (transient trouble: a broker away longer than {@code task.timeout.ms}, a fenced
 * producer), at most {@code maxReplacements} times in an hour; one more, or the client in ERROR,
 * or not RUNNING for longer than {@code maxNotRunning}, is fatal: {@link #fatal()} completes with
 * the reason so that {@code run} exits non-zero and systemd, Kubernetes or compose restart it.
 * A process that stays up with its streams dead is the failure an operator never sees.
 */
public final class StreamsSupervisor implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsSupervisor.class);
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final int maxReplacements;
    private final long maxNotRunningMs;
    private final LongSupplier clock;
    private final Deque<Long> replacements = new ArrayDeque<>();
    private final CompletableFuture<String> fatal = new CompletableFuture<>();
    private final Counter replaced;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile long notRunningSince;
    private volatile String lastFailure = "";

    public StreamsSupervisor(int maxReplacements, Duration maxNotRunning, MeterRegistry registry, LongSupplier clock) {
        this.maxReplacements = maxReplacements;
        this.maxNotRunningMs = maxNotRunning.toMillis();
        this.clock = clock;
        this.notRunningSince = clock.getAsLong();
        this.replaced = Counter.builder("unrest.streams.thread.replacements")
                .description("Stream threads replaced after an unexpected error").register(registry);
        Gauge.builder("unrest.streams.up", this, s -> s.isUp() ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING or REBALANCING, 0 otherwise").register(registry);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = clock.getAsLong();
        while (!replacements.isEmpty() && replacements.peekFirst() <= now - HOUR_MS) {
            replacements.pollFirst();
        }
        lastFailure = describe(error);
        if (Thread.currentThread().getName().endsWith("GlobalStreamThread")) {
            // Kafka Streams cannot replace the thread that keeps the global stores (asked to, it
            // fails with a ClassCastException): stop, saying why and what to do.
            LOG.error("the global stream thread (rules, alert stories and term suggestions for every instance) failed", error);
            fail("the global stream thread failed: " + lastFailure + (hasCause(error, org.apache.kafka.clients.consumer.InvalidOffsetException.class)
                    ? ". The local state holds offsets the cluster does not have (state from another cluster, or topics deleted and"
                    + " made again): delete this application's folder in state.dir, or run with another application.id" : ""));
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (replacements.size() >= maxReplacements) {
            LOG.error("stream thread failed again after {} replacements in the last hour: stopping", replacements.size(), error);
            fail("stream thread failed " + (replacements.size() + 1) + " times within an hour (streams.max.thread.replacements="
                    + maxReplacements + "); last: " + lastFailure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        replaced.increment();
        LOG.warn("stream thread failed ({} of {} replacements this hour): replacing it", replacements.size(), maxReplacements, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        if (newState == KafkaStreams.State.RUNNING) {
            notRunningSince = Long.MAX_VALUE;
        } else if (oldState == KafkaStreams.State.RUNNING || notRunningSince == Long.MAX_VALUE) {
            notRunningSince = clock.getAsLong();
        }
        if (newState == KafkaStreams.State.ERROR) {
            fail("Kafka Streams is in ERROR" + (lastFailure.isEmpty() ? "" : ": " + lastFailure));
        }
    }

    /** Called periodically: a client that cannot get to RUNNING for too long is stuck. */
    public void check() {
        long since = notRunningSince;
        if (since != Long.MAX_VALUE && state != KafkaStreams.State.PENDING_SHUTDOWN && state != KafkaStreams.State.NOT_RUNNING
                && clock.getAsLong() - since > maxNotRunningMs) {
            fail("Kafka Streams not RUNNING for more than " + Duration.ofMillis(maxNotRunningMs) + " (state " + state
                    + ", streams.max.not.running)" + (lastFailure.isEmpty() ? "" : "; last failure: " + lastFailure));
        }
    }

    private void fail(String reason) {
        if (fatal.complete(reason)) {
            LOG.error("detector failing: {}", reason);
        }
    }

    /** Completes with the reason when the detector can no longer do its job. */
    public CompletableFuture<String> fatal() {
        return fatal;
    }

    public boolean isUp() {
        return !fatal.isDone() && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** Why the detector is not healthy, or the last failure it survived; empty if none. */
    public String reason() {
        return fatal.isDone() ? fatal.getNow("") : lastFailure;
    }

    public synchronized int replacementsThisHour() {
        return replacements.size();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> kind) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = error.getClass().getSimpleName() + ": " + error.getMessage();
        return root == error ? top : top + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
