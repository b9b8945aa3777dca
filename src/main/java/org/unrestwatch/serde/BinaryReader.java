package org.unrestwatch.serde;

import java.nio.charset.StandardCharsets;

/** Reads what {@link BinaryWriter} wrote, in the same order. */
public final class BinaryReader {
    private final byte[] buf;
    private int pos;

    public BinaryReader(byte[] buf) {
        this.buf = buf;
    }

    public int readByte() {
        if (pos >= buf.length) {
            throw new IllegalStateException("truncated record at byte " + pos);
        }
        return buf[pos++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public long readVarLong() {
        long z = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalStateException("malformed varint at byte " + pos);
            }
        }
        return (z >>> 1) ^ -(z & 1);
    }

    public int readVarInt() {
        return (int) readVarLong();
    }

    public long readLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (readByte() & 0xFF);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int len = readVarInt();
        if (len < 0) {
            return null;
        }
        if (pos + len > buf.length) {
            throw new IllegalStateException("truncated string at byte " + pos);
        }
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }
}
