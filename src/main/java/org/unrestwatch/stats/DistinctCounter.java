package org.unrestwatch.stats;

import java.util.Arrays;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Counts distinct items in bounded memory: a K-minimum-values sketch. It keeps the k smallest
 * 64-bit hashes seen, so it is exact up to k items and an estimate within about 1/sqrt(k)
 * (6% at k = 256) beyond, whatever the number of accounts.
 */
public final class DistinctCounter {
    public static final int DEFAULT_K = 256;

    private final int k;
    private long[] hashes; // sorted ascending (unsigned order), size == n
    private int n;

    public DistinctCounter(int k) {
        this.k = k;
        this.hashes = new long[Math.min(k, 8)];
    }

    public DistinctCounter() {
        this(DEFAULT_K);
    }

    public void add(long hash) {
        int pos = search(hash);
        if (pos >= 0) {
            return;
        }
        int insert = -pos - 1;
        if (n == k) {
            if (insert >= k) {
                return; // larger than every kept hash
            }
            n--; // drop the largest
        }
        if (n == hashes.length) {
            hashes = Arrays.copyOf(hashes, Math.min(k, hashes.length * 2));
        }
        System.arraycopy(hashes, insert, hashes, insert + 1, n - insert);
        hashes[insert] = hash;
        n++;
    }

    public void add(String item) {
        add(Hashing.hash64(item));
    }

    /** Adds every hash {@code other} kept: the union of two KMV sketches is the sketch of the union. */
    public void merge(DistinctCounter other) {
        for (int i = 0; i < other.n; i++) {
            add(other.hashes[i]);
        }
    }

    /** Exact below k; above, the KMV estimate (k - 1) / (k-th smallest hash as a fraction of the range). */
    public long estimate() {
        if (n < k) {
            return n;
        }
        double kth = (double) (hashes[k - 1] >>> 11) / (double) (1L << 53);
        return Math.round((k - 1) / Math.max(kth, 1e-18));
    }

    private int search(long hash) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(hashes[mid], hash);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public void write(BinaryWriter out) {
        out.writeVarInt(k).writeVarInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(hashes[i]);
        }
    }

    public static DistinctCounter read(BinaryReader in) {
        DistinctCounter c = new DistinctCounter(in.readVarInt());
        int n = in.readVarInt();
        c.hashes = new long[Math.max(8, n)];
        for (int i = 0; i < n; i++) {
            c.hashes[i] = in.readLong();
        }
        c.n = n;
        return c;
    }
}
