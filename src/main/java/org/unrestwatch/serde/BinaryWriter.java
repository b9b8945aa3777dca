package org.unrestwatch.serde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with varint and string helpers: the compact wire format of the
 * detector's internal records (repartition topics and state stores). Cheaper than JSON on the
 * per-post path and stable because every type writes a leading version byte.
 */
public final class BinaryWriter {
    private byte[] buf;
    private int pos;

    public BinaryWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    public BinaryWriter writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
        return this;
    }

    public BinaryWriter writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    /** Unsigned LEB128 varint of a zig-zag encoded long, so small negatives stay small too. */
    public BinaryWriter writeVarLong(long v) {
        long z = (v << 1) ^ (v >> 63);
        ensure(10);
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
        return this;
    }

    public BinaryWriter writeVarInt(int v) {
        return writeVarLong(v);
    }

    public BinaryWriter writeLong(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[pos++] = (byte) (v >>> (i * 8));
        }
        return this;
    }

    public BinaryWriter writeDouble(double d) {
        return writeLong(Double.doubleToRawLongBits(d));
    }

    /** Writes a string, or null, as a length-prefixed UTF-8 run (length -1 for null). */
    public BinaryWriter writeString(String s) {
        if (s == null) {
            return writeVarInt(-1);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
