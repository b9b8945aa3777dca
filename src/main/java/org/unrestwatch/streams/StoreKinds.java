package org.unrestwatch.streams;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/** The store kinds the processors use: RocksDB by default, in memory for tests and benchmarks; both changelogged. */
final class StoreKinds {
    private StoreKinds() {
    }

    static KeyValueBytesStoreSupplier keyValue(String name, boolean inMemory) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    /** A few longs (progress marks), fixed width. */
    static final BinaryCodec<long[]> LONGS = new BinaryCodec<>() {
        @Override
        public void write(long[] values, BinaryWriter out) {
            out.writeVarInt(values.length);
            for (long v : values) {
                out.writeLong(v);
            }
        }

        @Override
        public long[] read(BinaryReader in) {
            long[] values = new long[in.readVarInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readLong();
            }
            return values;
        }

        @Override
        public int sizeHint() {
            return 24;
        }
    };
}
