package org.unrestwatch.coordination;

import java.util.List;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * Copy-paste in one region window, as the alert reports it: how many of the window's protest
 * posts belong to a coordinated cluster, how many such clusters there are, and the largest.
 *
 * @param posts    protest posts of this window in a coordinated cluster
 * @param clusters coordinated clusters with a post in this window
 * @param largest  the one with the most accounts within the span, or null with none
 */
public record WindowCoordination(long posts, int clusters, Largest largest) {
    public static final WindowCoordination NONE = new WindowCoordination(0, 0, null);
    /** Accounts named in {@link Largest#accounts}: enough to start an investigation, not a list. */
    public static final int MAX_ACCOUNTS = 10;

    /**
     * @param posts           its posts in this window
     * @param accounts        distinct accounts that posted into it within the span
     * @param newAccountShare share of those accounts that are new
     * @param similarity      the least similar any copy was to the member it matched (whole text)
     * @param text            the first post's campaign text, cut short
     * @param firstSeenMs     event time of its first post
     * @param accountIds      the first {@value #MAX_ACCOUNTS} of those accounts (the alert pseudonymises them)
     */
    public record Largest(long posts, int accounts, double newAccountShare, double similarity, String text, long firstSeenMs,
                          List<String> accountIds) {
    }

    public boolean isEmpty() {
        return clusters == 0;
    }

    public void write(BinaryWriter out) {
        out.writeVarLong(posts).writeVarInt(clusters).writeBoolean(largest != null);
        if (largest != null) {
            out.writeVarLong(largest.posts).writeVarInt(largest.accounts).writeDouble(largest.newAccountShare)
                    .writeDouble(largest.similarity).writeString(largest.text).writeVarLong(largest.firstSeenMs)
                    .writeVarInt(largest.accountIds.size());
            largest.accountIds.forEach(out::writeString);
        }
    }

    public static WindowCoordination read(BinaryReader in) {
        long posts = in.readVarLong();
        int clusters = in.readVarInt();
        if (!in.readBoolean()) {
            return new WindowCoordination(posts, clusters, null);
        }
        long lPosts = in.readVarLong();
        int accounts = in.readVarInt();
        double share = in.readDouble();
        double similarity = in.readDouble();
        String text = in.readString();
        long first = in.readVarLong();
        int n = in.readVarInt();
        List<String> ids = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readString());
        }
        return new WindowCoordination(posts, clusters, new Largest(lPosts, accounts, share, similarity, text, first, ids));
    }
}
