package org.unrestwatch.stats;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Counts posts per account per event-time window (input keyed by account) and emits a
 * {@link HyperactiveAccount} signal, keyed by region, the moment an account reaches the threshold
 * in a window: once per account and window, never again for the same window.
 */
public final class AccountActivityProcessor implements Processor<String, AccountPost, String, RegionSignal> {
    public static final String STORE = "account-activity-store";

    private final long windowMs;
    private final long graceMs;
    private final long threshold;
    private ProcessorContext<String, RegionSignal> context;
    private WindowStore<String, Long> counts;
    /** Highest event time seen here (not the task's stream time, which may include other sources). */
    private long streamTime = Long.MIN_VALUE;

    public AccountActivityProcessor(Duration window, Duration grace, long threshold) {
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
        this.threshold = threshold;
    }

    public static ProcessorSupplier<String, AccountPost, String, RegionSignal> supplier(Duration window, Duration grace,
                                                                                       long threshold, boolean inMemory) {
        Duration retention = window.plus(grace).multipliedBy(2);
        StoreBuilder<WindowStore<String, Long>> store = Stores.windowStoreBuilder(
                        inMemory ? Stores.inMemoryWindowStore(STORE, retention, window, false)
                                : Stores.persistentWindowStore(STORE, retention, window, false),
                        Serdes.String(), Serdes.Long())
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AccountPost, String, RegionSignal> get() {
                return new AccountActivityProcessor(window, grace, threshold);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, RegionSignal> context) {
        this.context = context;
        this.counts = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, AccountPost> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        long ts = record.timestamp();
        long windowStart = ts - Math.floorMod(ts, windowMs);
        streamTime = Math.max(streamTime, ts);
        if (windowStart + windowMs + graceMs <= streamTime) {
            return; // the region detector counts late posts; here they simply do not count
        }
        long n = 1 + current(record.key(), windowStart);
        counts.put(record.key(), n, windowStart);
        if (n == threshold) {
            AccountPost p = record.value();
            context.forward(new Record<>(p.region(),
                    RegionSignal.of(new HyperactiveAccount(p.accountId(), p.region(), windowStart, n)),
                    ts));
        }
    }

    private long current(String account, long windowStart) {
        try (WindowStoreIterator<Long> it = counts.fetch(account, windowStart, windowStart)) {
            return it.hasNext() ? it.next().value : 0L;
        }
    }
}
