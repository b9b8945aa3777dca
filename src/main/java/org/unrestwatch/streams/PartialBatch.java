package org.unrestwatch.streams;

import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * What crosses from the posts stage to the region stage, keyed by region: from one posts
 * partition, that region's partial aggregates, one per event-time tick. Each flush of a posts
 * partition ends with a progress mark (no partials), sent to every region-stage partition after
 * the flush's batches: every post the partition accepted before {@code progressMs} has then been
 * sent, so each region task knows how far every posts partition has come. A mark may also say
 * that the partition is idle (no post for the idle timeout, by its own clock): windows then stop
 * waiting for it until its next flush. Both carry the wall time of the partition's last post (the
 * region stage resolves alerts after a quiet spell).
 */
public record PartialBatch(int sourcePartition, long progressMs, long lastPostWallMs, boolean idle, List<TickPartial> partials) {
    /** The posts of one region in one tick ({@code tickStartMs} to the next tick) of one window. */
    public record TickPartial(long tickStartMs, RegionWindowStats stats) {
    }

    /** {@code idle}: the partition has had no post for the idle timeout and stops holding windows back until its next post. */
    public static PartialBatch progressMark(int sourcePartition, long progressMs, long lastPostWallMs, boolean idle) {
        return new PartialBatch(sourcePartition, progressMs, lastPostWallMs, idle, List.of());
    }

    public boolean isProgressMark() {
        return partials.isEmpty();
    }

    public static final BinaryCodec<PartialBatch> CODEC = new BinaryCodec<>() {
        private static final int VERSION = 1;

        @Override
        public void write(PartialBatch b, BinaryWriter out) {
            out.writeByte(VERSION).writeVarInt(b.sourcePartition).writeLong(b.progressMs).writeLong(b.lastPostWallMs)
                    .writeBoolean(b.idle)
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
            boolean idle = in.readBoolean();
            int n = in.readVarInt();
            List<TickPartial> partials = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                partials.add(new TickPartial(in.readLong(), RegionWindowStats.read(in)));
            }
            return new PartialBatch(partition, progress, lastPostWall, idle, partials);
        }

        @Override
        public int sizeHint() {
            return 1024;
        }
    };
}
