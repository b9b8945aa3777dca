package org.unrestwatch.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioRecord;

/**
 * Posts produced in the background paced in event time, as they arrive in operation, so that a
 * fault can strike while the detector is in the middle of them; {@link #sendRestAtOnce()} then
 * sends what is left as fast as possible, so that a test does not wait for the pace to play out.
 */
final class PacedPosts {
    private final String bootstrap;
    private final String topic;
    private final List<ScenarioRecord> records;
    private final AtomicBoolean hurry = new AtomicBoolean();
    private final CompletableFuture<Long> paced;

    /** Starts sending {@code records} to the config's posts topic at {@code eventSpeed} event ms per wall ms. */
    PacedPosts(DetectorConfig config, List<ScenarioRecord> records, double eventSpeed) {
        this.bootstrap = config.bootstrapServers();
        this.topic = config.get("topic.posts");
        this.records = records;
        this.paced = CompletableFuture.supplyAsync(() -> {
            try (PostReplayer replayer = new PostReplayer(bootstrap, topic, Map.of())) {
                return replayer.replay(records, eventSpeed, 0, 0, hurry::get);
            }
        });
    }

    /** Ends the pacing; returns how many records were sent (and flushed). */
    int stop() throws InterruptedException, ExecutionException {
        hurry.set(true);
        return paced.get().intValue();
    }

    /** Ends the pacing and sends the records not yet sent, in order, after those already sent. */
    void sendRestAtOnce() throws InterruptedException, ExecutionException {
        sendFrom(bootstrap, stop());
    }

    /** Sends the records from {@code index} on, as fast as possible, to {@code bootstrap}. */
    void sendFrom(String bootstrap, int index) {
        try (PostReplayer replayer = new PostReplayer(bootstrap, topic, Map.of())) {
            replayer.replay(records.subList(index, records.size()), 0, 0, 0, () -> false);
        }
    }
}
