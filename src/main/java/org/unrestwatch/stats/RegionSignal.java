package org.unrestwatch.stats;

import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * What the per-region detector consumes, keyed by region: either a post or the news that an
 * account turned hyperactive. One stream, one repartition topic, one ordered view per region.
 */
public record RegionSignal(EnrichedPost post, HyperactiveAccount hyperactive) {
    public static RegionSignal of(EnrichedPost post) {
        return new RegionSignal(post, null);
    }

    public static RegionSignal of(HyperactiveAccount account) {
        return new RegionSignal(null, account);
    }

    public boolean isPost() {
        return post != null;
    }

    public static final BinaryCodec<RegionSignal> CODEC = new BinaryCodec<>() {
        @Override
        public void write(RegionSignal s, BinaryWriter out) {
            if (s.post != null) {
                out.writeByte('P');
                EnrichedPost.CODEC.write(s.post, out);
            } else {
                HyperactiveAccount h = s.hyperactive;
                out.writeByte('H').writeString(h.accountId()).writeString(h.region())
                        .writeVarLong(h.windowStartMs()).writeVarLong(h.posts());
            }
        }

        @Override
        public RegionSignal read(BinaryReader in) {
            int kind = in.readByte();
            if (kind == 'P') {
                return of(EnrichedPost.CODEC.read(in));
            }
            if (kind == 'H') {
                return of(new HyperactiveAccount(in.readString(), in.readString(), in.readVarLong(), in.readVarLong()));
            }
            throw new IllegalStateException("unknown RegionSignal kind " + kind);
        }
    };
}
