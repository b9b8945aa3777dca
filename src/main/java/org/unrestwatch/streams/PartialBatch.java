package org.unrestwatch.streams;

import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * What crosses from the posts stage to the region stage, keyed by region: from one posts
 * partition, that region's partial aggregates, one per event-time tick, and the partition's
 * progress: every post it accepted before {@code progressMs} is in this batch or an earlier one,
 * and the wall time its last post arrived (the region stage resolves alerts after a quiet spell).
 * With no partials it is a progress mark, sent to every region-stage partition, so that each
 * region task knows how far every posts partition has come.
 */
public record PartialBatch(int sourcePartition, long progressMs, long lastPostWallMs, List<TickPartial> partials) {
    /** The posts of one region in one tick ({@code tickStartMs} to the next tick) of one window. */
    public record TickPartial(long tickStartMs, RegionWindowStats stats) {
    }

    public static PartialBatch progressMark(int sourcePartition, long progressMs, long lastPostWallMs) {
        return new PartialBatch(sourcePartition, progressMs, lastPostWallMs, List.of());
    }

    public boolean isProgressMark() {
        return partials.isEmpty();
    }

    public static final BinaryCodec<PartialBatch> CODEC = new BinaryCodec<>() {
        private static final int VERSION = 1;

        @Override
        public void write(PartialBatch b, BinaryWriter out) {
            out.writeByte(VERSION).writeVarInt(b.sourcePartition).writeLong(b.progressMs).writeLong(b.lastPostWallMs)
                    .writeVarInt(b.partials.size());
            for (TickPartial p : b.partials) {
                out.writeLong(p.tickStartMs());
                p.stats().write(out);
            }
        }

        @Override
        public PartialBatch read(BinaryReader in) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown PartialBatch version " + version);
            }
            int partition = in.readVarInt();
            long progress = in.readLong();
            long lastPostWall = in.readLong();
            int n = in.readVarInt();
            List<TickPartial> partials = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                partials.add(new TickPartial(in.readLong(), RegionWindowStats.read(in)));
            }
            return new PartialBatch(partition, progress, lastPostWall, partials);
        }

        @Override
        public int sizeHint() {
            return 1024;
        }
    };
}
