package org.unrestwatch.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.unrestwatch.coordination.CopyCandidate;
import org.unrestwatch.coordination.WindowCoordination;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Everything counted for one region in one event-time window. Memory is bounded whatever the
 * traffic: distinct counts are K-minimum-values sketches, top terms and accounts are Space-Saving
 * sketches, samples are capped. Mutable: the per-partition stage adds posts to it in place, and
 * the region stage {@link #merge merges} those partials. Every part merges, and the result does not
 * depend on the order of merging while the sketches are below capacity (samples are the earliest
 * posts by event time, then post id), so the alerts do not depend on partitioning or pacing.
 *
 * <p>Partials also carry their protest posts' {@link CopyCandidate}s (the earliest
 * {@value #MAX_CANDIDATES}) to the region stage, which {@linkplain #takeCandidates takes} them out
 * to cluster them and sets the window's {@link #coordination()} in their place.
 */
public final class RegionWindowStats {
    public static final int TOP_CAPACITY = 24;
    public static final int MAX_SAMPLES = 5;
    /**
     * Protest posts of one region tick that copy-paste detection and emerging terms see; beyond, the
     * earliest are kept. Each is about 300 bytes (420 in Urdu script); a tick's partial is written
     * whole to changelogs and the partials topic, whose records Kafka caps at 1 MB: at most twice this
     * many are held before the cut, about 650 KB.
     */
    public static final int MAX_CANDIDATES = 768;
    /** {@link #latestProtestEventMs}: no protest post in the window. */
    private static final long NO_PROTEST = Long.MIN_VALUE;
    /** Protest posts counted before the time was kept (older state). Sorts last, so merging keeps it unknown. */
    private static final long UNKNOWN = Long.MAX_VALUE;

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
    /** The earliest protest posts by (event time, id), at most {@link #MAX_SAMPLES}. */
    private final List<Sample> samples;
    private final DistinctCounter hyperactive;
    private long latestIngestMs;
    private long latestProtestMs;
    private List<CopyCandidate> candidates = new ArrayList<>();
    private WindowCoordination coordination = WindowCoordination.NONE;

    public RegionWindowStats(long windowStart, int categories) {
        this(windowStart, 0, 0, new int[categories], 0, new DistinctCounter(), new DistinctCounter(),
                new DistinctCounter(), new TopK(TOP_CAPACITY), new TopK(TOP_CAPACITY), new ArrayList<>(MAX_SAMPLES),
                new DistinctCounter(64), 0, NO_PROTEST);
    }

    private RegionWindowStats(long windowStart, long posts, long protestPosts, int[] categoryHits, double protestWeight,
                              DistinctCounter accounts, DistinctCounter newAccounts, DistinctCounter protestAccounts,
                              TopK topTerms, TopK topAccounts, List<Sample> samples,
                              DistinctCounter hyperactive, long latestIngestMs, long latestProtestMs) {
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
        this.samples = samples;
        this.hyperactive = hyperactive;
        this.latestIngestMs = latestIngestMs;
        this.latestProtestMs = latestProtestMs;
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
            addSample(new Sample(p.eventTimeMs(), p.postId()));
            latestProtestMs = Math.max(latestProtestMs, p.eventTimeMs());
            if (p.copy() != null) {
                candidates.add(new CopyCandidate(p.eventTimeMs(), p.postId(), p.accountId(), p.newAccount(), p.copy()));
                boundCandidates(2 * MAX_CANDIDATES);
            }
        }
        latestIngestMs = Math.max(latestIngestMs, p.ingestTimeMs());
    }

    /**
     * Counts {@code times} more posts like {@code p}, already {@linkplain #add added}, by the same
     * account: posts, protest posts, weight and hits, without touching the sketches (they hold this
     * account, its terms and a sample already). For evaluating on count series whose buckets hold
     * tens of thousands of posts.
     */
    public void addRepeats(EnrichedPost p, long times) {
        if (times <= 0) {
            return;
        }
        posts += times;
        for (int i = 0; i < p.categoryHits().length && i < categoryHits.length; i++) {
            categoryHits[i] = (int) Math.min(Integer.MAX_VALUE, categoryHits[i] + (long) p.categoryHits()[i] * times);
        }
        if (p.protestRelated()) {
            protestPosts += times;
            protestWeight += p.protestWeight() * times;
        }
    }

    private record Sample(long eventTimeMs, String postId) implements Comparable<Sample> {
        @Override
        public int compareTo(Sample o) {
            int c = Long.compare(eventTimeMs, o.eventTimeMs);
            return c != 0 ? c : postId.compareTo(o.postId);
        }
    }

    private void addSample(Sample sample) {
        int i = samples.size();
        while (i > 0 && samples.get(i - 1).compareTo(sample) > 0) {
            i--;
        }
        if (i < MAX_SAMPLES && !(i > 0 && samples.get(i - 1).equals(sample))) {
            samples.add(i, sample);
            if (samples.size() > MAX_SAMPLES) {
                samples.remove(MAX_SAMPLES);
            }
        }
    }

    public void addHyperactive(String accountId) {
        hyperactive.add(Hashing.hash64(accountId));
    }

    /** Adds another partial aggregate of the same region window (from another partition or tick). */
    public void merge(RegionWindowStats other) {
        posts += other.posts;
        protestPosts += other.protestPosts;
        if (other.categoryHits.length > categoryHits.length) {
            categoryHits = Arrays.copyOf(categoryHits, other.categoryHits.length);
        }
        for (int i = 0; i < other.categoryHits.length; i++) {
            categoryHits[i] += other.categoryHits[i];
        }
        protestWeight += other.protestWeight;
        accounts.merge(other.accounts);
        newAccounts.merge(other.newAccounts);
        protestAccounts.merge(other.protestAccounts);
        topTerms.merge(other.topTerms);
        topAccounts.merge(other.topAccounts);
        other.samples.forEach(this::addSample);
        hyperactive.merge(other.hyperactive);
        latestIngestMs = Math.max(latestIngestMs, other.latestIngestMs);
        latestProtestMs = Math.max(latestProtestMs, other.latestProtestMs);
        if (!other.candidates.isEmpty()) {
            candidates.addAll(other.candidates);
            boundCandidates(2 * MAX_CANDIDATES);
        }
    }

    /** Keeps the earliest {@value #MAX_CANDIDATES} once there are more than {@code slack}: the same ones whatever the order of adding. */
    private void boundCandidates(int slack) {
        if (candidates.size() > slack) {
            candidates.sort(null);
            candidates = new ArrayList<>(candidates.subList(0, MAX_CANDIDATES));
        }
    }

    public int candidateCount() {
        return candidates.size();
    }

    /** The protest posts' candidates for copy-paste detection, in event-time order; this partial no longer holds them. */
    public List<CopyCandidate> takeCandidates() {
        boundCandidates(MAX_CANDIDATES);
        List<CopyCandidate> out = candidates;
        out.sort(null);
        candidates = new ArrayList<>();
        return out;
    }

    /** Copy-paste in this window (set by the region stage); {@link WindowCoordination#NONE} with none or coordination off. */
    public WindowCoordination coordination() {
        return coordination;
    }

    public void setCoordination(WindowCoordination coordination) {
        this.coordination = coordination;
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
        return samples.stream().map(Sample::postId).toList();
    }

    public long latestIngestMs() {
        return latestIngestMs;
    }

    /** Event time of the latest protest post counted; empty with none, or when counted before this was kept. */
    public OptionalLong latestProtestEventMs() {
        boolean known = latestProtestMs != NO_PROTEST && latestProtestMs != UNKNOWN;
        return known ? OptionalLong.of(latestProtestMs) : OptionalLong.empty();
    }

    /** 4 added copy candidates and the window's coordination; 3 added the latest protest post's event time; 2 and 3 are still read. */
    private static final int VERSION = 4;

    public static final org.unrestwatch.serde.BinaryCodec<RegionWindowStats> CODEC = new org.unrestwatch.serde.BinaryCodec<>() {
        @Override
        public void write(RegionWindowStats value, BinaryWriter out) {
            value.write(out);
        }

        @Override
        public RegionWindowStats read(BinaryReader in) {
            return RegionWindowStats.read(in);
        }

        @Override
        public int sizeHint() {
            return 512;
        }
    };

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
        out.writeVarInt(samples.size());
        samples.forEach(x -> out.writeVarLong(x.eventTimeMs()).writeString(x.postId()));
        hyperactive.write(out);
        out.writeVarLong(latestIngestMs);
        out.writeVarLong(latestProtestMs);
        boundCandidates(MAX_CANDIDATES);
        out.writeVarInt(candidates.size());
        candidates.forEach(c -> c.write(out));
        coordination.write(out);
    }

    public static RegionWindowStats read(BinaryReader in) {
        int version = in.readByte();
        if (version < 2 || version > VERSION) {
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
        List<Sample> samples = new ArrayList<>(MAX_SAMPLES);
        for (int i = 0; i < nSamples; i++) {
            samples.add(new Sample(in.readVarLong(), in.readString()));
        }
        DistinctCounter hyper = DistinctCounter.read(in);
        long ingest = in.readVarLong();
        long latestProtest = version >= 3 ? in.readVarLong() : protest > 0 ? UNKNOWN : NO_PROTEST;
        RegionWindowStats stats = new RegionWindowStats(start, posts, protest, hits, weight, accounts, newAccounts, protestAccounts,
                terms, topAccounts, samples, hyper, ingest, latestProtest);
        if (version >= 4) {
            int n = in.readVarInt();
            for (int i = 0; i < n; i++) {
                stats.candidates.add(CopyCandidate.read(in));
            }
            stats.coordination = WindowCoordination.read(in);
        }
        return stats;
    }
}
