package org.unrestwatch.bench;

import java.time.Duration;

/**
 * The throughput backlog: {@code n} posts from {@code accounts} accounts, event times spread evenly
 * over the {@link #SPAN} before now (crisis-like density; never in the future), produced as fast
 * as the broker takes them. Each account has a home region drawn by population share; about
 * {@link BenchPosts#NO_REGION_SHARE} of posts carry no region and {@link BenchPosts#PROTEST_SHARE}
 * are protest-related.
 */
final class BacklogPosts {
    static final Duration SPAN = Duration.ofHours(2);

    private BacklogPosts() {
    }

    /** Produces the backlog into {@code topic}; returns the number of posts acknowledged. */
    static long produce(String bootstrap, String topic, long n, int accounts, long seed) {
        BenchPosts posts = new BenchPosts(seed);
        int[] homeRegion = new int[accounts];
        for (int a = 0; a < accounts; a++) {
            homeRegion[a] = posts.drawRegion();
        }
        long end = System.currentTimeMillis();
        long start = end - SPAN.toMillis();
        try (PostSender sender = PostSender.forBacklog(bootstrap);
             ProgressLine progress = ProgressLine.start("producing posts", sender::acked, n)) {
            for (long i = 0; i < n; i++) {
                long eventMs = start + (long) ((double) SPAN.toMillis() * i / n);
                int account = posts.random().nextInt(accounts);
                int region = posts.random().nextDouble() < BenchPosts.NO_REGION_SHARE ? BenchPosts.NO_REGION : homeRegion[account];
                boolean protest = posts.random().nextDouble() < BenchPosts.PROTEST_SHARE;
                String accountId = "acct-" + account;
                sender.send(topic, accountId, posts.post("bench-" + i, eventMs, accountId, region, protest), eventMs);
            }
            sender.flush();
            return sender.acked();
        }
    }
}
