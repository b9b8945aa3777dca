package org.unrestwatch.coordination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One region's copy-paste clusters, in the region stage. The protest posts of a tick arrive from
 * every posts partition; they are clustered in event-time order (then post id), so the clusters,
 * and so the alerts, do not depend on partitioning or pacing. State: about one span of the
 * region's protest posts, at most {@value #CLUSTERS_PER_REGION} clusters.
 */
public final class RegionCoordination {
    public static final int CLUSTERS_PER_REGION = 1024;
    private final CopyPasteClusters clusters;

    public RegionCoordination(CopyPasteClusters clusters) {
        this.clusters = clusters;
    }

    /** Clusters one tick's protest posts (of the window at {@code windowStart}), in event-time order. */
    public void observe(long windowStart, List<CopyCandidate> candidates) {
        List<CopyCandidate> ordered = new ArrayList<>(candidates);
        Collections.sort(ordered);
        for (CopyCandidate c : ordered) {
            if (c.print().comparable()) {
                clusters.forgetBefore(c.timeMs() - clusters.spanMs());
                clusters.add(c.print(), c.postId(), c.account(), c.newAccount(), c.timeMs(), windowStart);
            }
        }
    }

    /** Copy-paste in the window starting at {@code startMs}, as of {@code atMs}. */
    public WindowCoordination window(long startMs, long atMs) {
        long posts = 0;
        int count = 0;
        CopyPasteClusters.Cluster largest = null;
        for (CopyPasteClusters.Cluster c : clusters.coordinated(atMs)) {
            long inWindow = c.postsIn(startMs);
            if (inWindow > 0) {
                posts += inWindow;
                count++;
                if (largest == null) {
                    largest = c;
                }
            }
        }
        if (largest == null) {
            return WindowCoordination.NONE;
        }
        long since = atMs - clusters.spanMs();
        return new WindowCoordination(posts, count, new WindowCoordination.Largest(largest.postsIn(startMs),
                largest.accountsSince(since), largest.newAccountShare(since), largest.lowestSimilarity(), largest.sample(),
                largest.firstMs(), largest.namedAccounts()));
    }
}
