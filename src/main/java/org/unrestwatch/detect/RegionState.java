package org.unrestwatch.detect;

import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * A region's open windows (at most 1 + grace / window of them) and the watermark below which its
 * windows are closed: a post for a window below {@code closedUpTo} is late and does not count.
 */
public final class RegionState {
    long closedUpTo;
    final List<RegionWindowStats> open = new ArrayList<>(2);

    public RegionState(long closedUpTo) {
        this.closedUpTo = closedUpTo;
    }

    RegionWindowStats window(long start, int categories) {
        for (RegionWindowStats w : open) {
            if (w.windowStart() == start) {
                return w;
            }
        }
        RegionWindowStats w = new RegionWindowStats(start, categories);
        int i = 0;
        while (i < open.size() && open.get(i).windowStart() < start) {
            i++;
        }
        open.add(i, w);
        return w;
    }

    /** The open window at {@code start}, or null. */
    RegionWindowStats find(long start) {
        for (RegionWindowStats w : open) {
            if (w.windowStart() == start) {
                return w;
            }
        }
        return null;
    }

    /** Removes and returns the open window at {@code start}, or null. */
    RegionWindowStats take(long start) {
        for (int i = 0; i < open.size(); i++) {
            if (open.get(i).windowStart() == start) {
                return open.remove(i);
            }
        }
        return null;
    }

    public long closedUpTo() {
        return closedUpTo;
    }

    public List<RegionWindowStats> openWindows() {
        return java.util.Collections.unmodifiableList(open);
    }

    long earliestOpen() {
        return open.isEmpty() ? Long.MAX_VALUE : open.get(0).windowStart();
    }

    long latestOpen() {
        return open.isEmpty() ? Long.MIN_VALUE : open.get(open.size() - 1).windowStart();
    }

    public static final BinaryCodec<RegionState> CODEC = new BinaryCodec<>() {
        private static final int VERSION = 1;

        @Override
        public void write(RegionState s, BinaryWriter out) {
            out.writeByte(VERSION).writeLong(s.closedUpTo).writeVarInt(s.open.size());
            for (RegionWindowStats w : s.open) {
                w.write(out);
            }
        }

        @Override
        public RegionState read(BinaryReader in) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown RegionState version " + version);
            }
            RegionState s = new RegionState(in.readLong());
            int n = in.readVarInt();
            for (int i = 0; i < n; i++) {
                s.open.add(RegionWindowStats.read(in));
            }
            return s;
        }

        @Override
        public int sizeHint() {
            return 2048;
        }
    };
}
