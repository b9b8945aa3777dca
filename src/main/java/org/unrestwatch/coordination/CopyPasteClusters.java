package org.unrestwatch.coordination;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Near-duplicate posts of one region, grouped as they arrive: locality-sensitive hashing over
 * MinHash signatures ({@value #BANDS} bands of {@value #ROWS} rows: texts with similarity 0.8 share
 * a band with probability 0.9998, texts at 0.3 with 0.12) finds candidate clusters, and a post
 * joins the one it resembles most, if at least {@code similarity} to one of the cluster's first
 * {@value #MAX_SIGNATURES} texts (so that two copies edited differently still meet). A cluster is
 * <em>coordinated</em> while at least {@code minAccounts} distinct accounts posted into it within
 * {@code spanMs}. Bounded: at most {@code capacity} clusters, the least recently joined evicted
 * first, and a cluster nobody joined for a span is {@linkplain #forgetBefore forgotten}; a cluster
 * counts its posts per window exactly, keeps the last post time of up to {@value #MAX_ACCOUNTS}
 * accounts (the least recent forgotten first) and names its first {@value #NAMED_ACCOUNTS}. The
 * result depends on the order of the posts, so the region stage adds them in event-time order,
 * never in arrival order; the order of last joins is a sequence number kept with each cluster, so a
 * restart restores it exactly. A {@link Changes} listener hears of each cluster changed or dropped,
 * so that the region stage can store clusters one by one.
 */
public final class CopyPasteClusters {
    static final int BANDS = 16;
    static final int ROWS = TextSignature.HASHES / BANDS;
    static final int MAX_ACCOUNTS = 512;
    static final int MAX_SIGNATURES = 4;
    static final int NAMED_ACCOUNTS = 10;

    /** Hears of every cluster changed (created, joined) or dropped (forgotten, evicted). */
    public interface Changes {
        void changed(Cluster cluster);

        void dropped(Cluster cluster);
    }

    private static final Changes NO_LISTENER = new Changes() {
        @Override
        public void changed(Cluster cluster) {
        }

        @Override
        public void dropped(Cluster cluster) {
        }
    };

    /** Posts that resemble the first one closely enough. */
    public static final class Cluster {
        private final long id;
        private final List<byte[]> signatures = new ArrayList<>(MAX_SIGNATURES);
        /** Of the same texts' consonant skeletons (null entries for texts without one). */
        private final List<byte[]> skeletons = new ArrayList<>(MAX_SIGNATURES);
        private final String sample;
        /** Per account (a hash of its id): {last post time, 1 if new}, least recently posting first. */
        private final LinkedHashMap<Long, long[]> accounts = new LinkedHashMap<>();
        /** Its posts per window (by window start), for the windows of the last span. */
        private final java.util.TreeMap<Long, Long> windowPosts = new java.util.TreeMap<>();
        /** Order of the last join among the region's clusters (eviction and forgetting follow it, restarts restore it). */
        private long joinSeq;
        /** Its first accounts, by id, for the alert to name (pseudonymised). */
        private final List<String> named = new ArrayList<>(NAMED_ACCOUNTS);
        private final long firstMs;
        private long posts;
        private long lastJoinMs;
        /** The least similar any joining post was to the member it matched (1.0 while all are identical). */
        private double lowestSimilarity = 1.0;

        Cluster(long id, CopyPrint first, long firstMs) {
            this(id, first.text(), firstMs);
            signatures.add(first.signature());
            skeletons.add(first.skeleton());
        }

        private Cluster(long id, String sample, long firstMs) {
            this.id = id;
            this.sample = sample;
            this.firstMs = firstMs;
        }

        public long id() {
            return id;
        }

        public long posts() {
            return posts;
        }

        /** The first post's campaign text, cut to {@value CopyPrint#TEXT_CHARS} characters. */
        public String sample() {
            return sample;
        }

        public long firstMs() {
            return firstMs;
        }

        public double lowestSimilarity() {
            return lowestSimilarity;
        }

        /** Distinct accounts that posted into it from {@code sinceMs} on (of the last {@value #MAX_ACCOUNTS}). */
        public int accountsSince(long sinceMs) {
            int n = 0;
            for (long[] a : accounts.values()) {
                if (a[0] >= sinceMs) {
                    n++;
                }
            }
            return n;
        }

        /** Its first {@value #NAMED_ACCOUNTS} accounts' ids. */
        public List<String> namedAccounts() {
            return List.copyOf(named);
        }

        /** Its posts in the window starting at {@code windowStart}. */
        public long postsIn(long windowStart) {
            return windowPosts.getOrDefault(windowStart, 0L);
        }

        /** Share of the distinct accounts since {@code sinceMs} that are new. */
        public double newAccountShare(long sinceMs) {
            int all = 0;
            int fresh = 0;
            for (long[] a : accounts.values()) {
                if (a[0] >= sinceMs) {
                    all++;
                    fresh += (int) a[1];
                }
            }
            return all == 0 ? 0 : (double) fresh / all;
        }
    }

    private final double similarity;
    private final int minAccounts;
    private final long spanMs;
    private final int capacity;
    /** Clusters in order of their last join (re-inserted on each): the eldest is evicted first. */
    private final LinkedHashMap<Long, Cluster> clusters = new LinkedHashMap<>();
    private final Map<Long, List<Long>> bands = new HashMap<>();
    private Changes changes = NO_LISTENER;
    private long lastSeq;

    public CopyPasteClusters(double similarity, int minAccounts, long spanMs, int capacity) {
        this.similarity = similarity;
        this.minAccounts = minAccounts;
        this.spanMs = spanMs;
        this.capacity = capacity;
    }

    public long spanMs() {
        return spanMs;
    }

    public void listen(Changes listener) {
        this.changes = listener;
    }

    /**
     * Adds a post; returns its cluster (a new one of one post when it resembles none, whose id is
     * a hash of {@code postId}: the same whatever else the region holds).
     */
    public Cluster add(CopyPrint print, String postId, String account, boolean newAccount, long timeMs, long windowStart) {
        Cluster best = null;
        double bestSimilarity = similarity;
        Set<Long> seen = new HashSet<>();
        long[] keys = keys(print.signature(), print.skeleton());
        for (long key : keys) {
            List<Long> ids = bands.get(key);
            if (ids == null) {
                continue;
            }
            for (long id : ids) {
                Cluster c = clusters.get(id);
                if (c != null && seen.add(id)) {
                    for (int m = 0; m < c.signatures.size(); m++) {
                        double s = TextSignature.similarity(print.signature(), c.signatures.get(m));
                        if (print.skeleton() != null && c.skeletons.get(m) != null) {
                            s = Math.max(s, TextSignature.similarity(print.skeleton(), c.skeletons.get(m)));
                        }
                        if (s > bestSimilarity || s == bestSimilarity && (best == null || id < best.id)) {
                            best = c;
                            bestSimilarity = s;
                        }
                    }
                }
            }
        }
        if (best == null) {
            long id = org.unrestwatch.stats.Hashing.hash64(postId);
            while (clusters.containsKey(id)) {
                id++; // two first posts with one hash: vanishingly rare, still deterministic
            }
            best = new Cluster(id, print, timeMs);
            clusters.put(best.id, best);
            index(best.id, keys);
            evictBeyondCapacity();
        } else {
            best.lowestSimilarity = Math.min(best.lowestSimilarity, bestSimilarity);
            if (best.signatures.size() < MAX_SIGNATURES && bestSimilarity < 1.0) {
                best.signatures.add(print.signature());
                best.skeletons.add(print.skeleton());
                index(best.id, keys);
            }
        }
        clusters.remove(best.id);
        clusters.put(best.id, best);
        best.posts++;
        best.lastJoinMs = Math.max(best.lastJoinMs, timeMs);
        best.joinSeq = ++lastSeq;
        long hash = org.unrestwatch.stats.Hashing.hash64(account);
        long[] before = best.accounts.remove(hash); // re-inserted: least recently posting first
        best.accounts.put(hash, new long[] {Math.max(timeMs, before == null ? timeMs : before[0]), newAccount || before != null && before[1] == 1 ? 1 : 0});
        if (best.accounts.size() > MAX_ACCOUNTS) {
            best.accounts.remove(best.accounts.keySet().iterator().next());
        }
        best.windowPosts.merge(windowStart, 1L, Long::sum);
        while (best.windowPosts.size() > 1 && best.windowPosts.firstKey() < timeMs - 2 * spanMs) {
            best.windowPosts.pollFirstEntry(); // windows long closed
        }
        if (best.named.size() < NAMED_ACCOUNTS && !best.named.contains(account)) {
            best.named.add(account);
        }
        changes.changed(best);
        return best;
    }

    /** Adds a post by its campaign text ({@link CampaignText#of}); null when the text is too short to judge. */
    public Cluster add(String campaignText, boolean acrossScripts, String postId, String account, boolean newAccount, long timeMs) {
        CopyPrint print = CopyPrint.of(campaignText, acrossScripts);
        return print == null || !print.comparable() ? null : add(print, postId, account, newAccount, timeMs, timeMs - Math.floorMod(timeMs, spanMs));
    }

    /** Whether {@code cluster} has {@code minAccounts} distinct accounts within the span before {@code atMs}. */
    public boolean isCoordinated(Cluster cluster, long atMs) {
        return cluster != null && cluster.accountsSince(atMs - spanMs) >= minAccounts;
    }

    /** The coordinated clusters as of {@code atMs}, most accounts first (then the earlier). */
    public List<Cluster> coordinated(long atMs) {
        Map<Cluster, Integer> accounts = new HashMap<>(); // counted once per cluster, not once per comparison
        for (Cluster c : clusters.values()) {
            int n = c.accountsSince(atMs - spanMs);
            if (n >= minAccounts) {
                accounts.put(c, n);
            }
        }
        List<Cluster> out = new ArrayList<>(accounts.keySet());
        out.sort((a, b) -> {
            int byAccounts = Integer.compare(accounts.get(b), accounts.get(a));
            return byAccounts != 0 ? byAccounts : Long.compare(a.id, b.id);
        });
        return out;
    }

    /**
     * Forgets the clusters nobody joined since {@code beforeMs}: they can no longer be coordinated,
     * and a copy that comes later starts afresh. Keeps a region's state to about one span of posts.
     * Cheap enough for every post: clusters are kept in order of their last join, so it stops at the
     * first one joined since (posts come in event-time order; a late one may keep an older cluster
     * behind it a little longer).
     */
    public void forgetBefore(long beforeMs) {
        while (!clusters.isEmpty()) {
            Cluster eldest = clusters.values().iterator().next();
            if (eldest.lastJoinMs >= beforeMs) {
                return;
            }
            remove(eldest);
        }
    }

    public int size() {
        return clusters.size();
    }

    private void index(long id, long[] keys) {
        for (long key : keys) {
            List<Long> ids = bands.computeIfAbsent(key, k -> new ArrayList<>(1));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
    }

    private void evictBeyondCapacity() {
        while (clusters.size() > capacity) {
            remove(clusters.values().iterator().next());
        }
    }

    private void remove(Cluster c) {
        clusters.remove(c.id);
        changes.dropped(c);
        for (int m = 0; m < c.signatures.size(); m++) {
            for (long key : keys(c.signatures.get(m), c.skeletons.get(m))) {
                List<Long> ids = bands.get(key);
                if (ids != null) {
                    ids.remove(c.id);
                    if (ids.isEmpty()) {
                        bands.remove(key);
                    }
                }
            }
        }
    }

    /** The band keys of a text's signature and, when there is one, of its skeleton's (bands numbered apart). */
    private static long[] keys(byte[] sig, byte[] skeleton) {
        long[] plain = bandKeys(sig, 0);
        if (skeleton == null) {
            return plain;
        }
        long[] both = java.util.Arrays.copyOf(plain, 2 * BANDS);
        System.arraycopy(bandKeys(skeleton, BANDS), 0, both, BANDS, BANDS);
        return both;
    }

    private static long[] bandKeys(byte[] sig, int firstBand) {
        long[] keys = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = firstBand + b;
            for (int r = 0; r < ROWS; r++) {
                h = TextSignature.mix(h * 31 + sig[b * ROWS + r]);
            }
            keys[b] = h;
        }
        return keys;
    }

    /** Takes back clusters stored one by one (as {@link Changes} reported them), in the order of their last join. */
    public void restore(java.util.Collection<Cluster> stored) {
        List<Cluster> ordered = new ArrayList<>(stored);
        ordered.sort(java.util.Comparator.comparingLong((Cluster c) -> c.joinSeq));
        for (Cluster c : ordered) {
            lastSeq = Math.max(lastSeq, c.joinSeq);
            clusters.put(c.id, c);
            for (int m = 0; m < c.signatures.size(); m++) {
                index(c.id, keys(c.signatures.get(m), c.skeletons.get(m)));
            }
        }
    }

    /** A cluster as stored: its members' signatures, remembered posts and named accounts; the band index is rebuilt on restore. */
    public static final org.unrestwatch.serde.BinaryCodec<Cluster> CLUSTER_CODEC = new org.unrestwatch.serde.BinaryCodec<>() {
        private static final int VERSION = 1;

        @Override
        public void write(Cluster c, BinaryWriter out) {
            out.writeByte(VERSION).writeLong(c.id).writeString(c.sample).writeVarLong(c.firstMs).writeVarLong(c.posts)
                    .writeVarLong(c.lastJoinMs).writeDouble(c.lowestSimilarity).writeVarInt(c.signatures.size());
            for (int m = 0; m < c.signatures.size(); m++) {
                CopyPrint.writeBytes(out, c.signatures.get(m));
                CopyPrint.writeBytes(out, c.skeletons.get(m));
            }
            out.writeVarLong(c.joinSeq).writeVarInt(c.accounts.size());
            c.accounts.forEach((hash, a) -> out.writeLong(hash).writeVarLong(a[0]).writeBoolean(a[1] == 1));
            out.writeVarInt(c.windowPosts.size());
            c.windowPosts.forEach((start, n) -> out.writeVarLong(start).writeVarLong(n));
            out.writeVarInt(c.named.size());
            c.named.forEach(out::writeString);
        }

        @Override
        public Cluster read(BinaryReader in) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown copy-paste cluster version " + version);
            }
            Cluster c = new Cluster(in.readLong(), in.readString(), in.readVarLong());
            c.posts = in.readVarLong();
            c.lastJoinMs = in.readVarLong();
            c.lowestSimilarity = in.readDouble();
            int members = in.readVarInt();
            for (int m = 0; m < members; m++) {
                c.signatures.add(CopyPrint.readBytes(in));
                c.skeletons.add(CopyPrint.readBytes(in));
            }
            c.joinSeq = in.readVarLong();
            int accounts = in.readVarInt();
            for (int a = 0; a < accounts; a++) {
                c.accounts.put(in.readLong(), new long[] {in.readVarLong(), in.readBoolean() ? 1 : 0});
            }
            int windows = in.readVarInt();
            for (int w = 0; w < windows; w++) {
                c.windowPosts.put(in.readVarLong(), in.readVarLong());
            }
            int named = in.readVarInt();
            for (int a = 0; a < named; a++) {
                c.named.add(in.readString());
            }
            return c;
        }

        @Override
        public int sizeHint() {
            return 512;
        }
    };
}
