package org.unrestwatch.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Everything counted for one region in one event-time window. Memory is bounded whatever the
 * traffic: distinct counts are K-minimum-values sketches, top terms and accounts are Space-Saving
 * sketches, samples are capped. Mutable: the detector updates it in place on the per-post path.
 */
public final class RegionWindowStats {
    public static final int TOP_CAPACITY = 24;
    public static final int MAX_SAMPLES = 5;

    private final long windowStart;
    private long posts;
    private long protestPosts;
    private int[] categoryHits;
    private double protestWeight;
    private final DistinctCounter accounts;
    private final DistinctCounter newAccounts;
    private final DistinctCounter protestAccounts;
    private final TopK topTerms;
    private final TopK topAccounts;
    private final List<String> samplePostIds;
    private final DistinctCounter hyperactive;
    private long latestIngestMs;

    public RegionWindowStats(long windowStart, int categories) {
        this(windowStart, 0, 0, new int[categories], 0, new DistinctCounter(), new DistinctCounter(),
                new DistinctCounter(), new TopK(TOP_CAPACITY), new TopK(TOP_CAPACITY), new ArrayList<>(MAX_SAMPLES),
                new DistinctCounter(64), 0);
    }

    private RegionWindowStats(long windowStart, long posts, long protestPosts, int[] categoryHits, double protestWeight,
                              DistinctCounter accounts, DistinctCounter newAccounts, DistinctCounter protestAccounts,
                              TopK topTerms, TopK topAccounts, List<String> samplePostIds,
                              DistinctCounter hyperactive, long latestIngestMs) {
        this.windowStart = windowStart;
        this.posts = posts;
        this.protestPosts = protestPosts;
        this.categoryHits = categoryHits;
        this.protestWeight = protestWeight;
        this.accounts = accounts;
        this.newAccounts = newAccounts;
        this.protestAccounts = protestAccounts;
        this.topTerms = topTerms;
        this.topAccounts = topAccounts;
        this.samplePostIds = samplePostIds;
        this.hyperactive = hyperactive;
        this.latestIngestMs = latestIngestMs;
    }

    public void add(EnrichedPost p) {
        posts++;
        long accountHash = Hashing.hash64(p.accountId());
        accounts.add(accountHash);
        if (p.newAccount()) {
            newAccounts.add(accountHash);
        }
        if (p.categoryHits().length > categoryHits.length) {
            categoryHits = Arrays.copyOf(categoryHits, p.categoryHits().length);
        }
        for (int i = 0; i < p.categoryHits().length; i++) {
            categoryHits[i] += p.categoryHits()[i];
        }
        if (p.protestRelated()) {
            protestPosts++;
            protestWeight += p.protestWeight();
            protestAccounts.add(accountHash);
            topAccounts.add(p.accountId(), 1);
            for (String term : p.terms()) {
                topTerms.add(term, 1);
            }
            if (samplePostIds.size() < MAX_SAMPLES) {
                samplePostIds.add(p.postId());
            }
        }
        latestIngestMs = Math.max(latestIngestMs, p.ingestTimeMs());
    }

    public void addHyperactive(HyperactiveAccount account) {
        hyperactive.add(Hashing.hash64(account.accountId()));
    }

    public long windowStart() {
        return windowStart;
    }

    public long posts() {
        return posts;
    }

    public long protestPosts() {
        return protestPosts;
    }

    public int[] categoryHits() {
        return categoryHits;
    }

    public double protestWeight() {
        return protestWeight;
    }

    public long distinctAccounts() {
        return accounts.estimate();
    }

    public long distinctProtestAccounts() {
        return protestAccounts.estimate();
    }

    public long newAccounts() {
        return newAccounts.estimate();
    }

    /** Share of this window's distinct accounts that are new; 0 with no accounts. */
    public double newAccountShare() {
        long all = distinctAccounts();
        return all == 0 ? 0 : Math.min(1.0, (double) newAccounts() / all);
    }

    public long hyperactiveAccounts() {
        return hyperactive.estimate();
    }

    public List<TopK.Entry> topTerms(int n) {
        return topTerms.top(n);
    }

    public List<TopK.Entry> topAccounts(int n) {
        return topAccounts.top(n);
    }

    public List<String> samplePostIds() {
        return samplePostIds;
    }

    public long latestIngestMs() {
        return latestIngestMs;
    }

    private static final int VERSION = 1;

    public void write(BinaryWriter out) {
        out.writeByte(VERSION).writeVarLong(windowStart).writeVarLong(posts).writeVarLong(protestPosts)
                .writeVarInt(categoryHits.length);
        for (int h : categoryHits) {
            out.writeVarInt(h);
        }
        out.writeDouble(protestWeight);
        accounts.write(out);
        newAccounts.write(out);
        protestAccounts.write(out);
        topTerms.write(out);
        topAccounts.write(out);
        out.writeVarInt(samplePostIds.size());
        samplePostIds.forEach(out::writeString);
        hyperactive.write(out);
        out.writeVarLong(latestIngestMs);
    }

    public static RegionWindowStats read(BinaryReader in) {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("unknown RegionWindowStats version " + version);
        }
        long start = in.readVarLong();
        long posts = in.readVarLong();
        long protest = in.readVarLong();
        int[] hits = new int[in.readVarInt()];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = in.readVarInt();
        }
        double weight = in.readDouble();
        DistinctCounter accounts = DistinctCounter.read(in);
        DistinctCounter newAccounts = DistinctCounter.read(in);
        DistinctCounter protestAccounts = DistinctCounter.read(in);
        TopK terms = TopK.read(in);
        TopK topAccounts = TopK.read(in);
        int nSamples = in.readVarInt();
        List<String> samples = new ArrayList<>(MAX_SAMPLES);
        for (int i = 0; i < nSamples; i++) {
            samples.add(in.readString());
        }
        DistinctCounter hyper = DistinctCounter.read(in);
        long ingest = in.readVarLong();
        return new RegionWindowStats(start, posts, protest, hits, weight, accounts, newAccounts, protestAccounts,
                terms, topAccounts, samples, hyper, ingest);
    }
}
