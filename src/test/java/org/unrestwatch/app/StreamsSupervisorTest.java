package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** When a failing detector must stop (so that its supervisor restarts it) and what it says meanwhile. */
class StreamsSupervisorTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamsSupervisor supervisor = new StreamsSupervisor(2, Duration.ofMinutes(15), registry, clock::get);

    @Test
    void aFailedThreadIsReplacedABoundedNumberOfTimesAnHourThenTheDetectorStops() {
        supervisor.onChange(State.RUNNING, State.REBALANCING);
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, supervisor.handle(new IllegalStateException("broker gone")));
        clock.addAndGet(Duration.ofMinutes(50).toMillis());
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, supervisor.handle(new IllegalStateException("again")));
        assertFalse(supervisor.fatal().isDone());
        assertEquals(2.0, registry.get("unrest.streams.thread.replacements").counter().count());
        clock.addAndGet(Duration.ofMinutes(11).toMillis()); // the first replacement is now more than an hour old
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, supervisor.handle(new IllegalStateException("third")));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, supervisor.handle(new RuntimeException("fourth", new java.io.IOException("disk full"))));
        assertTrue(supervisor.fatal().isDone());
        String reason = supervisor.fatal().join();
        assertTrue(reason.contains("3 times within an hour") && reason.contains("disk full"), reason);
        assertFalse(supervisor.isUp());
        assertEquals(0.0, registry.get("unrest.streams.up").gauge().value());
    }

    /** Kafka Streams cannot replace its global thread: asked to, it threw a ClassCastException; the detector stops saying why. */
    @Test
    void aFailedGlobalThreadStopsTheDetectorNamingTheStaleState() throws Exception {
        supervisor.onChange(State.RUNNING, State.REBALANCING);
        var response = new java.util.concurrent.atomic.AtomicReference<StreamThreadExceptionResponse>();
        Thread global = new Thread(() -> response.set(supervisor.handle(new org.apache.kafka.streams.errors.StreamsException(
                new org.apache.kafka.clients.consumer.OffsetOutOfRangeException("out of range for partition alerts.state-2", Map.of())))),
                "detector-2f6c-GlobalStreamThread");
        global.start();
        global.join();
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, response.get());
        String reason = supervisor.fatal().join();
        assertTrue(reason.contains("global stream thread") && reason.contains("state.dir") && reason.contains("application.id"), reason);
        assertEquals(0.0, registry.get("unrest.streams.thread.replacements").counter().count(), "not counted as a replacement");
    }

    @Test
    void errorStateIsFatalAtOnce() {
        supervisor.onChange(State.RUNNING, State.REBALANCING);
        assertEquals(1.0, registry.get("unrest.streams.up").gauge().value());
        supervisor.onChange(State.PENDING_ERROR, State.RUNNING);
        supervisor.onChange(State.ERROR, State.PENDING_ERROR);
        assertTrue(supervisor.fatal().join().contains("ERROR"));
    }

    @Test
    void notRunningForTooLongIsFatalButRebalancingBrieflyIsNot() {
        supervisor.onChange(State.REBALANCING, State.CREATED);
        clock.addAndGet(Duration.ofMinutes(10).toMillis());
        supervisor.check();
        supervisor.onChange(State.RUNNING, State.REBALANCING);
        clock.addAndGet(Duration.ofHours(2).toMillis());
        supervisor.check();
        assertFalse(supervisor.fatal().isDone(), "running for two hours is fine");
        supervisor.onChange(State.REBALANCING, State.RUNNING);
        clock.addAndGet(Duration.ofMinutes(14).toMillis());
        supervisor.check();
        assertFalse(supervisor.fatal().isDone(), "14 minutes of rebalancing is within the limit");
        clock.addAndGet(Duration.ofMinutes(2).toMillis());
        supervisor.check();
        assertTrue(supervisor.fatal().join().contains("not RUNNING for more than"), supervisor.fatal().join());
    }

    @Test
    void aCleanShutdownIsNotAFailure() {
        supervisor.onChange(State.RUNNING, State.REBALANCING);
        supervisor.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        supervisor.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
        clock.addAndGet(Duration.ofHours(1).toMillis());
        supervisor.check();
        assertFalse(supervisor.fatal().isDone());
    }
}
