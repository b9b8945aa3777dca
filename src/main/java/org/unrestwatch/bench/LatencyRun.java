package org.unrestwatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.unrestwatch.streams.Topics;
import org.unrestwatch.app.Detector;
import org.unrestwatch.app.TopicAdmin;
import org.unrestwatch.config.DetectorConfig;

/**
 * Phase (d): alert latency on live traffic. A fresh detector (own application id and topics) first
 * learns {@link #HISTORY} of quiet history, since it alerts only on a warm baseline; then posts
 * arrive live at a steady rate, and every {@link #SURGE_EVERY} a surge of protest posts starts in a
 * province that has not surged yet. One sample per province: the wall time from producing the post
 * that crossed the threshold to reading that province's first OPEN alert (read_committed).
 */
final class LatencyRun {
    static final Duration HISTORY = Duration.ofMinutes(150);
    /** Neutral posts per window over all regions in the history (split by population share). */
    static final double HISTORY_NEUTRAL_PER_WINDOW = 400;
    static final Duration FIRST_SURGE_AFTER = Duration.ofSeconds(2);
    static final Duration SURGE_EVERY = Duration.ofSeconds(8);
    static final int SURGE_POSTS = 300;
    static final Duration SURGE_SPAN = Duration.ofSeconds(3);
    static final int SURGE_ACCOUNTS = 60;
    /** After live traffic stops: how long the detector may make no progress before we stop waiting for alerts. */
    static final Duration STALL_LIMIT = Duration.ofMinutes(1);
    /** Once the detector has settled everything produced: time for its last commit to reach the alert reader. */
    static final Duration TAIL = Duration.ofSeconds(5);

    /** One surge's measurement: its first OPEN alert's {@code observed}, and which post that was (0 = a background protest post). */
    record Sample(String region, long observed, int surgePost, double latencyMs) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0f ms (observed %d: %s)", region, latencyMs, observed,
                    surgePost > 0 ? "surge post " + surgePost + " of " + SURGE_POSTS : "a background protest post");
        }
    }

    record Result(List<Sample> samples, int surges, int noOpenAlert, int notAttributable, int unexpectedOpen,
                  long historyPosts, long historyLateDropped, long livePosts, double liveSeconds, long lateDroppedTotal) {
        List<Double> latenciesMs() {
            return samples.stream().map(Sample::latencyMs).toList();
        }

        Double p50() {
            return percentile(0.50);
        }

        Double p99() {
            return percentile(0.99);
        }

        /** Nearest rank: with fewer than 100 samples p99 is the largest. */
        private Double percentile(double q) {
            if (samples.isEmpty()) {
                return null;
            }
            List<Double> sorted = latenciesMs().stream().sorted().toList();
            return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
        }
    }

    /** A history post before it is produced. */
    private record Planned(long eventMs, int region, boolean protest) {
    }

    private final String bootstrap;
    private final Admin admin;
    private final DetectorConfig config;
    private final int partitions;
    private final int rate;
    private final Duration liveDuration;
    private final BenchPosts posts;
    private final long windowMs;
    private final long chatterAccounts;
    private final ProtestPostLog log;
    private long nextAccount;
    private long nextPostId;

    LatencyRun(String bootstrap, Admin admin, DetectorConfig config, int partitions, int rate, Duration liveDuration,
               int accounts, long seed) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.config = config;
        this.partitions = partitions;
        this.rate = rate;
        this.liveDuration = liveDuration;
        this.posts = new BenchPosts(seed);
        this.windowMs = config.getDuration("window.size").toMillis();
        // Chatter goes round-robin over enough accounts that none posts more than twice a window:
        // accounts reaching hyperactive.posts.per.window would open ACCOUNT_BURST stories of their
        // own and hide the surges' OPEN alerts.
        this.chatterAccounts = Math.max(accounts, (long) Math.ceil(rate * (windowMs / 1000.0) / 2));
        this.log = new ProtestPostLog(windowMs);
    }

    /** Protest posts per window in a region, in the history and in the live traffic alike: a few, more in populous regions. */
    static double protestPerWindow(int region) {
        return 2 + 10 * BenchPosts.REGION_WEIGHTS[region];
    }

    Result run() throws Exception {
        String postsTopic = Topics.from(config).posts().name();
        BenchTopics.createPostsTopic(admin, postsTopic, partitions);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        try (Detector detector = new Detector(config);
             PostSender sender = PostSender.forLive(bootstrap);
             AlertReader alerts = new AlertReader(bootstrap, Topics.from(config).alerts().name())) {
            detector.start();
            if (!detector.awaitRunning(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the latency detector did not start: " + detector.streams().state());
            }
            var registry = detector.registry();
            long history = produceHistory(detector, sender, postsTopic);
            long historyLate = DetectorMeters.lateDropped(registry);

            List<String> surged = new ArrayList<>();
            long liveStart = System.nanoTime();
            long live = produceLive(detector, sender, alerts, postsTopic, surged);
            double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
            awaitAlerts(detector, alerts, surged, history + live);

            Map<String, AlertReader.OpenAlert> opens = alerts.firstOpenByRegion();
            List<Sample> samples = new ArrayList<>();
            int noOpen = 0;
            int notAttributable = 0;
            for (String region : surged) {
                AlertReader.OpenAlert open = opens.get(region);
                if (open == null) {
                    noOpen++;
                    continue;
                }
                ProtestPostLog.Produced trigger = log.thresholdPost(region, open.windowStartMs(), open.observed());
                if (trigger == null || !trigger.live()) {
                    notAttributable++;
                    continue;
                }
                samples.add(new Sample(region, open.observed(), trigger.surgePost(), (open.readNanos() - trigger.producedNanos()) / 1e6));
            }
            int unexpected = (int) opens.keySet().stream().filter(r -> !surged.contains(r)).count();
            return new Result(samples, surged.size(), noOpen, notAttributable, unexpected, history, historyLate, live,
                    liveSeconds, DetectorMeters.lateDropped(registry));
        }
    }

    /**
     * {@link #HISTORY} of quiet traffic ending now, fed in event-time slices no longer than half the
     * grace period, each consumed before the next is sent: fed all at once, one partition's task
     * could run hours of event time ahead of the others, and the detector would drop the rest as late.
     */
    private long produceHistory(Detector detector, PostSender sender, String topic) throws InterruptedException {
        long end = System.currentTimeMillis();
        long first = end - HISTORY.toMillis();
        first -= Math.floorMod(first, windowMs);
        List<Planned> planned = new ArrayList<>();
        for (long w = first; w < end; w += windowMs) {
            double fraction = Math.min(1.0, (double) (end - w) / windowMs);
            long span = Math.min(windowMs, end - w);
            for (int r = 0; r < BenchPosts.REGIONS.size(); r++) {
                int protest = posts.poisson(protestPerWindow(r) * fraction);
                int neutral = posts.poisson(HISTORY_NEUTRAL_PER_WINDOW * BenchPosts.REGION_WEIGHTS[r] * fraction);
                for (int i = 0; i < protest + neutral; i++) {
                    planned.add(new Planned(w + posts.random().nextLong(span), r, i < protest));
                }
            }
            int unplaced = posts.poisson(HISTORY_NEUTRAL_PER_WINDOW * BenchPosts.NO_REGION_SHARE * fraction);
            for (int i = 0; i < unplaced; i++) {
                planned.add(new Planned(w + posts.random().nextLong(span), BenchPosts.NO_REGION, false));
            }
        }
        planned.sort(Comparator.comparingLong(Planned::eventMs));

        long slice = Math.max(1_000, Math.min(Duration.ofMinutes(1).toMillis(), config.getDuration("window.grace").toMillis() / 2));
        var registry = detector.registry();
        int i = 0;
        try (ProgressLine progress = ProgressLine.start("(d) history", () -> DetectorMeters.consumed(registry), planned.size(),
                () -> HISTORY.toMinutes() + " min of quiet history, fed in event-time slices")) {
            for (long from = first; i < planned.size(); from += slice) {
                while (i < planned.size() && planned.get(i).eventMs() < from + slice) {
                    Planned p = planned.get(i++);
                    send(sender, topic, p.eventMs(), chatterAccount(), p.region(), p.protest(), false, 0);
                }
                sender.flush();
                Await.count("the latency detector (history)", () -> DetectorMeters.consumed(registry), i, STALL_LIMIT,
                        () -> NaiveStreamsRun.failure(detector.streams()));
            }
            Await.count("the latency detector (history, region stage)", () -> DetectorMeters.settled(registry), i, STALL_LIMIT,
                    () -> NaiveStreamsRun.failure(detector.streams()));
        }
        return planned.size();
    }

    /** Live chatter at {@link #rate} posts/s with event time now, and the surges; returns the posts produced. */
    private long produceLive(Detector detector, PostSender sender, AlertReader alerts, String topic, List<String> surged) {
        double[] protestWeights = new double[BenchPosts.REGIONS.size()];
        double protestPerSecond = 0;
        for (int r = 0; r < protestWeights.length; r++) {
            protestWeights[r] = protestPerWindow(r);
            protestPerSecond += protestWeights[r] / (windowMs / 1000.0);
        }
        double protestShare = protestPerSecond / rate;
        var registry = detector.registry();
        AtomicLong sentSoFar = new AtomicLong();
        AtomicInteger surgesSoFar = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + liveDuration.toNanos();
        try (ProgressLine progress = ProgressLine.start("(d) live", sentSoFar::get, 0,
                () -> String.format("surges %d, OPEN alerts %d, detector consumed %,d", surgesSoFar.get(),
                        alerts.firstOpenByRegion().size(), DetectorMeters.consumed(registry)))) {
            long sent = 0;
            int surgeIndex = -1;
            long surgeStart = 0;
            int surgeSent = SURGE_POSTS;
            // At least the live duration, and a surge under way runs to its end.
            for (long now = start; now < end || surgeSent < SURGE_POSTS; now = System.nanoTime()) {
                long due = (long) (rate * ((now - start) / 1e9));
                for (; sent < due; sent++) {
                    boolean protest = posts.random().nextDouble() < protestShare;
                    int region = protest ? posts.drawWeighted(protestWeights) : posts.drawRegionOrNone();
                    send(sender, topic, System.currentTimeMillis(), chatterAccount(), region, protest, true, 0);
                    sentSoFar.incrementAndGet();
                }
                // The next surge, in a province that has not surged: one that has an open story would not OPEN again.
                long nextSurgeAt = start + FIRST_SURGE_AFTER.toNanos() + (surgeIndex + 1) * SURGE_EVERY.toNanos();
                if (surgeSent == SURGE_POSTS && surgeIndex + 1 < BenchPosts.REGIONS.size() && now >= nextSurgeAt && now < end) {
                    surgeIndex++;
                    surgeStart = now;
                    surgeSent = 0;
                    surged.add(BenchPosts.REGIONS.get(surgeIndex));
                    surgesSoFar.incrementAndGet();
                }
                if (surgeSent < SURGE_POSTS) {
                    long surgeDue = Math.min(SURGE_POSTS, (long) Math.ceil(SURGE_POSTS * (double) (now - surgeStart) / SURGE_SPAN.toNanos()));
                    for (; surgeSent < surgeDue; surgeSent++) {
                        String account = "surge-" + surgeIndex + "-" + (surgeSent % SURGE_ACCOUNTS);
                        send(sender, topic, System.currentTimeMillis(), account, surgeIndex, true, true, surgeSent + 1);
                        sentSoFar.incrementAndGet();
                    }
                }
                LockSupport.parkNanos(500_000);
            }
            sender.flush();
            return sentSoFar.get();
        }
    }

    /** Until every surged province has its first OPEN alert, or the detector has settled everything and its last commit had time to arrive. */
    private void awaitAlerts(Detector detector, AlertReader alerts, List<String> surged, long produced) throws InterruptedException {
        var registry = detector.registry();
        try (ProgressLine progress = ProgressLine.start("(d) awaiting alerts", () -> DetectorMeters.consumed(registry), produced,
                () -> String.format("OPEN alerts %d of %d surged provinces", alerts.firstOpenByRegion().size(), surged.size()))) {
            long lastConsumed = -1;
            long lastMove = System.nanoTime();
            long settledSince = 0;
            while (!alerts.firstOpenByRegion().keySet().containsAll(surged)) {
                long consumed = DetectorMeters.consumed(registry);
                long now = System.nanoTime();
                if (consumed != lastConsumed) {
                    lastConsumed = consumed;
                    lastMove = now;
                } else if (consumed < produced && now - lastMove > STALL_LIMIT.toNanos()) {
                    System.err.printf("%nthe detector made no progress for %d s at %,d of %,d posts: not waiting longer%n",
                            STALL_LIMIT.toSeconds(), consumed, produced);
                    return;
                }
                if (NaiveStreamsRun.failure(detector.streams()) != null) {
                    throw new IllegalStateException("the latency detector failed: " + NaiveStreamsRun.failure(detector.streams()));
                }
                if (consumed >= produced && DetectorMeters.settled(registry) >= produced) {
                    if (settledSince == 0) {
                        settledSince = now;
                    } else if (now - settledSince > TAIL.toNanos()) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    private String chatterAccount() {
        return "acct-" + (nextAccount++ % chatterAccounts);
    }

    private void send(PostSender sender, String topic, long eventMs, String account, int region, boolean protest,
                      boolean live, int surgePost) {
        byte[] post = posts.post("lat-" + nextPostId++, eventMs, account, region, protest);
        long producedNanos = System.nanoTime();
        sender.send(topic, account, post, eventMs);
        if (protest) {
            log.add(BenchPosts.REGIONS.get(region), eventMs, producedNanos, live, surgePost);
        }
    }
}
