package org.unrestwatch.stats;

import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/** The slice of a post the per-account branch needs; keeps the by-account repartition topic small. */
public record AccountPost(String accountId, String region) {
    public static AccountPost of(EnrichedPost p) {
        return new AccountPost(p.accountId(), p.region());
    }

    public static final BinaryCodec<AccountPost> CODEC = new BinaryCodec<>() {
        @Override
        public void write(AccountPost p, BinaryWriter out) {
            out.writeString(p.accountId).writeString(p.region);
        }

        @Override
        public AccountPost read(BinaryReader in) {
            return new AccountPost(in.readString(), in.readString());
        }

        @Override
        public int sizeHint() {
            return 48;
        }
    };
}
