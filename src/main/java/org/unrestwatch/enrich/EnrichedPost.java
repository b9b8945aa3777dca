package org.unrestwatch.enrich;

import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.coordination.CopyPrint;
import org.unrestwatch.region.Resolution;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * A post reduced to what the windows need: when, who, where, and what the lexicon found.
 * {@code ingestTimeMs} is when the record reached the posts topic, for latency measurement.
 * {@code copy}: a protest post's print for copy-paste detection (null for other posts, or with
 * coordination off).
 */
public record EnrichedPost(
        String postId,
        long eventTimeMs,
        long ingestTimeMs,
        String accountId,
        boolean newAccount,
        String region,
        Resolution resolution,
        int[] categoryHits,
        double protestWeight,
        boolean protestRelated,
        List<String> terms,
        CopyPrint copy) {

    public EnrichedPost(String postId, long eventTimeMs, long ingestTimeMs, String accountId, boolean newAccount, String region,
                        Resolution resolution, int[] categoryHits, double protestWeight, boolean protestRelated, List<String> terms) {
        this(postId, eventTimeMs, ingestTimeMs, accountId, newAccount, region, resolution, categoryHits, protestWeight, protestRelated,
                terms, null);
    }

    public static final BinaryCodec<EnrichedPost> CODEC = new BinaryCodec<>() {
        /** 2 added the copy print; 1 is still read. */
        private static final int VERSION = 2;

        @Override
        public void write(EnrichedPost p, BinaryWriter out) {
            out.writeByte(VERSION)
                    .writeString(p.postId)
                    .writeVarLong(p.eventTimeMs)
                    .writeVarLong(p.ingestTimeMs)
                    .writeString(p.accountId)
                    .writeBoolean(p.newAccount)
                    .writeString(p.region)
                    .writeByte(p.resolution.ordinal())
                    .writeVarInt(p.categoryHits.length);
            for (int h : p.categoryHits) {
                out.writeVarInt(h);
            }
            out.writeDouble(p.protestWeight).writeBoolean(p.protestRelated).writeVarInt(p.terms.size());
            for (String t : p.terms) {
                out.writeString(t);
            }
            out.writeBoolean(p.copy != null);
            if (p.copy != null) {
                p.copy.write(out);
            }
        }

        @Override
        public EnrichedPost read(BinaryReader in) {
            int version = in.readByte();
            if (version != VERSION && version != 1) {
                throw new IllegalStateException("unknown EnrichedPost version " + version);
            }
            String id = in.readString();
            long event = in.readVarLong();
            long ingest = in.readVarLong();
            String account = in.readString();
            boolean isNew = in.readBoolean();
            String region = in.readString();
            Resolution how = Resolution.values()[in.readByte()];
            int[] hits = new int[in.readVarInt()];
            for (int i = 0; i < hits.length; i++) {
                hits[i] = in.readVarInt();
            }
            double weight = in.readDouble();
            boolean protest = in.readBoolean();
            int nTerms = in.readVarInt();
            List<String> terms = new ArrayList<>(nTerms);
            for (int i = 0; i < nTerms; i++) {
                terms.add(in.readString());
            }
            CopyPrint copy = version >= 2 && in.readBoolean() ? CopyPrint.read(in) : null;
            return new EnrichedPost(id, event, ingest, account, isNew, region, how, hits, weight, protest, terms, copy);
        }
    };
}
