package org.unrestwatch.coordination;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Near-duplicate posts of one region, grouped as they arrive: locality-sensitive hashing over
 * MinHash signatures ({@value #BANDS} bands of {@value #ROWS} rows: texts with similarity 0.8 share
 * a band with probability 0.9998, texts at 0.3 with 0.12) finds candidate clusters, and a post
 * joins the one it resembles most, if at least {@code similarity} to one of the cluster's first
 * {@value #MAX_SIGNATURES} texts (so that two copies edited differently still meet). A cluster is
 * <em>coordinated</em> while at least {@code minAccounts} distinct accounts posted into it within
 * {@code spanMs}. Bounded: at most {@code capacity} clusters, the least recently joined evicted
 * first; a cluster remembers its last {@value #MAX_RECENT} posts.
 */
public final class CopyPasteClusters {
    static final int BANDS = 16;
    static final int ROWS = TextSignature.HASHES / BANDS;
    static final int MAX_RECENT = 256;
    static final int SAMPLE_CHARS = 140;
    static final int MAX_SIGNATURES = 4;

    /** One post's part in a cluster: when, by whom, and whether the account is new. */
    private record Entry(long timeMs, String account, boolean newAccount) {
    }

    /** Posts that resemble the first one closely enough. */
    public static final class Cluster {
        private final long id;
        private final List<int[]> signatures = new ArrayList<>(MAX_SIGNATURES);
        /** Of the same texts' consonant skeletons (null entries for texts too short to have one). */
        private final List<int[]> skeletons = new ArrayList<>(MAX_SIGNATURES);
        private final String sample;
        private final ArrayDeque<Entry> recent = new ArrayDeque<>();
        private long posts;
        private long lastJoinMs;

        Cluster(long id, int[] signature, int[] skeleton, String text) {
            this.id = id;
            this.signatures.add(signature);
            this.skeletons.add(skeleton);
            this.sample = text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS) + "…";
        }

        public long id() {
            return id;
        }

        public long posts() {
            return posts;
        }

        /** The first post's text, cut to {@value #SAMPLE_CHARS} characters. */
        public String sample() {
            return sample;
        }

        /** Distinct accounts among the remembered posts from {@code sinceMs} on. */
        public Set<String> accountsSince(long sinceMs) {
            Set<String> out = new HashSet<>();
            for (Entry e : recent) {
                if (e.timeMs >= sinceMs) {
                    out.add(e.account);
                }
            }
            return out;
        }

        /** Share of the distinct accounts since {@code sinceMs} that are new. */
        public double newAccountShare(long sinceMs) {
            Map<String, Boolean> accounts = new HashMap<>();
            for (Entry e : recent) {
                if (e.timeMs >= sinceMs) {
                    accounts.merge(e.account, e.newAccount, Boolean::logicalOr);
                }
            }
            return accounts.isEmpty() ? 0 : accounts.values().stream().filter(b -> b).count() / (double) accounts.size();
        }
    }

    private final double similarity;
    private final int minAccounts;
    private final long spanMs;
    private final int capacity;
    private final boolean acrossScripts;
    /** Clusters in order of their last join (re-inserted on each): the eldest is evicted first. */
    private final LinkedHashMap<Long, Cluster> clusters = new LinkedHashMap<>();
    private final Map<Long, List<Long>> bands = new HashMap<>();
    private long nextId;

    /** {@code acrossScripts}: also match copies by their {@link ConsonantSkeleton} (an Urdu-script copy of a Roman Urdu call). */
    public CopyPasteClusters(double similarity, int minAccounts, long spanMs, int capacity, boolean acrossScripts) {
        this.acrossScripts = acrossScripts;
        this.similarity = similarity;
        this.minAccounts = minAccounts;
        this.spanMs = spanMs;
        this.capacity = capacity;
    }

    /**
     * Adds a post ({@code normalisedText}: its {@link CampaignText}); returns its cluster (a new one
     * of one post when it resembles none), or null when its text is too short.
     */
    public Cluster add(String normalisedText, String account, boolean newAccount, long timeMs) {
        int[] sig = TextSignature.of(normalisedText);
        if (sig == null) {
            return null;
        }
        int[] skeleton = acrossScripts ? TextSignature.of(ConsonantSkeleton.of(normalisedText)) : null;
        Cluster best = null;
        double bestSimilarity = similarity;
        Set<Long> seen = new HashSet<>();
        long[] keys = keys(sig, skeleton);
        for (long key : keys) {
            List<Long> ids = bands.get(key);
            if (ids == null) {
                continue;
            }
            for (long id : ids) {
                Cluster c = clusters.get(id);
                if (c != null && seen.add(id)) {
                    for (int m = 0; m < c.signatures.size(); m++) {
                        double s = TextSignature.similarity(sig, c.signatures.get(m));
                        if (skeleton != null && c.skeletons.get(m) != null) {
                            s = Math.max(s, TextSignature.similarity(skeleton, c.skeletons.get(m)));
                        }
                        if (s >= bestSimilarity) {
                            best = c;
                            bestSimilarity = s;
                        }
                    }
                }
            }
        }
        if (best == null) {
            best = new Cluster(nextId++, sig, skeleton, normalisedText);
            clusters.put(best.id, best);
            index(best.id, keys);
            evictBeyondCapacity();
        } else if (best.signatures.size() < MAX_SIGNATURES && bestSimilarity < 1.0) {
            best.signatures.add(sig);
            best.skeletons.add(skeleton);
            index(best.id, keys);
        }
        clusters.remove(best.id);
        clusters.put(best.id, best);
        best.posts++;
        best.lastJoinMs = Math.max(best.lastJoinMs, timeMs);
        best.recent.addLast(new Entry(timeMs, account, newAccount));
        if (best.recent.size() > MAX_RECENT) {
            best.recent.removeFirst();
        }
        return best;
    }

    /** Whether {@code cluster} has {@code minAccounts} distinct accounts within the span before {@code atMs}. */
    public boolean isCoordinated(Cluster cluster, long atMs) {
        return cluster != null && cluster.accountsSince(atMs - spanMs).size() >= minAccounts;
    }

    /** The coordinated clusters as of {@code atMs}, largest first. */
    public List<Cluster> coordinated(long atMs) {
        List<Cluster> out = new ArrayList<>();
        for (Cluster c : clusters.values()) {
            if (isCoordinated(c, atMs)) {
                out.add(c);
            }
        }
        out.sort((a, b) -> Integer.compare(b.accountsSince(atMs - spanMs).size(), a.accountsSince(atMs - spanMs).size()));
        return out;
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
        Iterator<Map.Entry<Long, Cluster>> it = clusters.entrySet().iterator();
        while (clusters.size() > capacity && it.hasNext()) {
            Cluster eldest = it.next().getValue();
            it.remove();
            for (int m = 0; m < eldest.signatures.size(); m++) {
                for (long key : keys(eldest.signatures.get(m), eldest.skeletons.get(m))) {
                    List<Long> ids = bands.get(key);
                    if (ids != null) {
                        ids.remove(eldest.id);
                        if (ids.isEmpty()) {
                            bands.remove(key);
                        }
                    }
                }
            }
        }
    }

    /** The band keys of a text's signature and, when there is one, of its skeleton's (bands numbered apart). */
    private static long[] keys(int[] sig, int[] skeleton) {
        long[] plain = bandKeys(sig, 0);
        if (skeleton == null) {
            return plain;
        }
        long[] both = java.util.Arrays.copyOf(plain, 2 * BANDS);
        System.arraycopy(bandKeys(skeleton, BANDS), 0, both, BANDS, BANDS);
        return both;
    }

    private static long[] bandKeys(int[] sig, int firstBand) {
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
}
