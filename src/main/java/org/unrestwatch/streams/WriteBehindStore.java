package org.unrestwatch.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A changelogged key-value store for state that changes on every post: the processor keeps the
 * live objects and hands each change here, where it only marks the key; the values changed since
 * the last commit are serialised and written to the inner store (RocksDB or in memory, with its
 * changelog, without Kafka Streams' record cache) once per key when Kafka Streams flushes caches
 * before it commits. So the per-post path costs a map update instead of a serialisation and a
 * cache write, and what a commit writes is still exactly the state at that commit, in the same
 * transaction as the offsets: exactly-once holds.
 *
 * <p>This relies on Kafka Streams calling {@link CachedStateStore#flushCache} on every registered
 * store before each commit, as Kafka 4.4 does ({@code StreamTask.prepareCommit} flushes the state
 * manager's caches, then the producer, then commits the transaction). {@code CachedStateStore} is
 * an internal interface: check this on a Kafka upgrade (the restart tests do).
 */
final class WriteBehindStore<V> implements StateStore, CachedStateStore<String, V> {
    private final KeyValueStore<String, V> inner;
    /** Keys changed since the last flush and their current values (null: deleted). */
    private final Map<String, V> changed = new HashMap<>();

    private WriteBehindStore(KeyValueStore<String, V> inner) {
        this.inner = inner;
    }

    static <V> StoreBuilder<WriteBehindStore<V>> builder(String name, Serde<V> valueSerde, boolean inMemory) {
        return new Builder<>(Stores.keyValueStoreBuilder(StoreKinds.keyValue(name, inMemory), Serdes.String(), valueSerde)
                .withCachingDisabled());
    }

    /** Marks {@code key} as holding {@code value} now; the value object is serialised at the next commit, as it is then. */
    void put(String key, V value) {
        changed.put(key, value);
    }

    void delete(String key) {
        changed.put(key, null);
    }

    V get(String key) {
        return changed.containsKey(key) ? changed.get(key) : inner.get(key);
    }

    /** Every entry as of the last commit (for a processor loading its state at start, before any change). */
    void forEachCommitted(BiConsumer<String, V> action) {
        try (KeyValueIterator<String, V> it = inner.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }

    @Override
    public void flushCache() {
        changed.forEach((key, value) -> {
            if (value == null) {
                inner.delete(key);
            } else {
                inner.put(key, value);
            }
        });
        changed.clear();
    }

    @Override
    public void clearCache() {
        changed.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        changed.clear();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    private static final class Builder<V> implements StoreBuilder<WriteBehindStore<V>> {
        private final StoreBuilder<KeyValueStore<String, V>> inner;

        Builder(StoreBuilder<KeyValueStore<String, V>> inner) {
            this.inner = inner;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
            return this; // it is its own cache
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
            throw new UnsupportedOperationException("a write-behind store without a changelog would lose state on a crash");
        }

        @Override
        public WriteBehindStore<V> build() {
            return new WriteBehindStore<>(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
