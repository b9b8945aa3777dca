package org.unrestwatch.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde over a {@link BinaryCodec}; null stays null (tombstones). */
public final class BinarySerde<T> implements Serde<T> {
    private final BinaryCodec<T> codec;

    public BinarySerde(BinaryCodec<T> codec) {
        this.codec = codec;
    }

    public static <T> BinarySerde<T> of(BinaryCodec<T> codec) {
        return new BinarySerde<>(codec);
    }

    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        BinaryWriter out = new BinaryWriter(codec.sizeHint());
        codec.write(value, out);
        return out.toByteArray();
    }

    public T decode(byte[] bytes) {
        return bytes == null ? null : codec.read(new BinaryReader(bytes));
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> decode(bytes);
    }
}
