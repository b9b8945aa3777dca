package org.unrestwatch.serde;

/** How one internal type is written to and read from the compact binary format. */
public interface BinaryCodec<T> {
    void write(T value, BinaryWriter out);

    T read(BinaryReader in);

    /** A first guess at the encoded size, to size the buffer once. */
    default int sizeHint() {
        return 128;
    }
}
