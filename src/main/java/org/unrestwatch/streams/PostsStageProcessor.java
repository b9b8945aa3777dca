package org.unrestwatch.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.serde.BinarySerde;
import org.unrestwatch.stats.EventWindows;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * Stage 1, one task per posts partition: all per-post work happens here, where the post already
 * is. Each post is checked against this partition's own progress (late only if its window closed
 * behind this partition's posts, never because another partition ran ahead), counted for its
 * account (posts are keyed by account, so an account's posts meet here without a shuffle) and
 * added to a partial aggregate per (region, tick). Only those partials cross to the region stage,
 * at most once per {@code flushIntervalMs} of wall time and only for ticks this partition has
 * passed, followed by a progress mark to every region task. A partition quiet for the idle timeout
 * sends what it holds and an idle mark (an empty partition too), so that windows stop waiting for
 * it; its next post makes it hold them again. Idleness is the partition's own silence, never the
 * region stage's guess, so a slow or restarting task is waited for rather than overtaken.
 *
 * <p>Progress is the highest event time seen, except that a post more than {@code maxJumpMs}
 * ahead of it moves it only when the next post confirms the jump (also lands ahead): a single post
 * misdated an hour ahead cannot make the posts after it late, while a sparse partition whose posts
 * really are minutes apart lags by one post at most. A held jump is also taken when the partition
 * goes quiet. Pending partials, progress and account counts live in changelogged write-behind
 * stores ({@link WriteBehindStore}): the live objects are here, each changed key is written once per
 * commit, in the commit's transaction, so that what has not been forwarded survives a crash under
 * exactly-once. The account store holds one entry per account with a post in an open window.
 */
final class PostsStageProcessor implements Processor<byte[], EnrichedPost, String, PartialBatch> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostsStageProcessor.class);
    /** Late posts are said at most this often per partition: a replay of old posts must not flood the log. */
    private static final long LATE_WARNING_INTERVAL_MS = 60_000;
    static final String PARTIALS_STORE = "pending-partials-store";
    static final String PROGRESS_STORE = "posts-progress-store";
    static final String ACCOUNTS_STORE = "account-activity-store";
    private static final String PROGRESS_KEY = "progress";
    private static final String SEPARATOR = "|";
    /** Copy candidates in one partials record: about 600 KB at most, whatever the backlog. */
    static final int MAX_CANDIDATES_PER_RECORD = 2 * RegionWindowStats.MAX_CANDIDATES;

    private final EventWindows windows;
    private final DataPathSettings settings;
    private final long hyperactivePosts;
    private final int categories;
    private final DetectorMetrics metrics;

    private ProcessorContext<String, PartialBatch> context;
    private int partition;
    private WriteBehindStore<RegionWindowStats> partialsStore;
    private WriteBehindStore<long[]> progressStore;
    /** Per account: its post counts in the open windows, as (window start, count) pairs. */
    private WriteBehindStore<long[]> accountsStore;
    /** Pending partials by "region|tickStart", mirrored in {@link #partialsStore}. */
    private final Map<String, RegionWindowStats> pending = new LinkedHashMap<>();
    /** Posts per account in each open window, mirrored in {@link #accountsStore}. */
    private final Map<Long, Map<String, Long>> accountCounts = new HashMap<>();
    private long progressMs = Long.MIN_VALUE;
    /** Event time of the last post if it jumped ahead of progress and awaits confirmation. */
    private long heldJumpMs = Long.MIN_VALUE;
    private long announcedMs = Long.MIN_VALUE;
    private long lastFlushWallMs;
    private long lastPostWallMs;
    private boolean idleAnnounced;
    private long lateUnsaid;
    private long latestLateMs = Long.MIN_VALUE;
    private long lateSaidWallMs = Long.MIN_VALUE;

    PostsStageProcessor(DetectionRules rules, DataPathSettings settings, int categories, DetectorMetrics metrics) {
        this.windows = rules.windows();
        this.settings = settings;
        this.hyperactivePosts = rules.hyperactivePosts();
        this.categories = categories;
        this.metrics = metrics;
    }

    static ProcessorSupplier<byte[], EnrichedPost, String, PartialBatch> supplier(
            DetectionRules rules, DataPathSettings settings, int categories, DetectorMetrics metrics, boolean inMemory) {
        // Written on every post: write-behind stores serialise each changed key once per commit.
        Set<StoreBuilder<?>> stores = Set.of(
                WriteBehindStore.builder(PARTIALS_STORE, BinarySerde.of(RegionWindowStats.CODEC), inMemory),
                WriteBehindStore.builder(PROGRESS_STORE, BinarySerde.of(StoreKinds.LONGS), inMemory),
                WriteBehindStore.builder(ACCOUNTS_STORE, BinarySerde.of(StoreKinds.LONGS), inMemory));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], EnrichedPost, String, PartialBatch> get() {
                return new PostsStageProcessor(rules, settings, categories, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, PartialBatch> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        partialsStore = context.getStateStore(PARTIALS_STORE);
        progressStore = context.getStateStore(PROGRESS_STORE);
        accountsStore = context.getStateStore(ACCOUNTS_STORE);
        // Kafka Streams may re-initialise this instance after an aborted transaction: start from
        // the stores (the last commit), never from what this instance held before.
        pending.clear();
        accountCounts.clear();
        progressMs = Long.MIN_VALUE;
        announcedMs = Long.MIN_VALUE;
        heldJumpMs = Long.MIN_VALUE;
        lastFlushWallMs = 0;
        idleAnnounced = false;
        long[] progress = progressStore.get(PROGRESS_KEY);
        if (progress != null) {
            progressMs = progress[0];
            announcedMs = progress[1];
            heldJumpMs = progress[2];
        }
        partialsStore.forEachCommitted(pending::put);
        accountsStore.forEachCommitted((account, counts) -> {
            for (int i = 0; i + 1 < counts.length; i += 2) {
                if (!windows.isClosed(counts[i], progressMs)) {
                    accountCounts.computeIfAbsent(counts[i], w -> new HashMap<>()).put(account, counts[i + 1]);
                }
            }
        });
        lastPostWallMs = context.currentSystemTimeMs();
        long tick = Math.max(100, Math.min(settings.flushIntervalMs(), 1000));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<byte[], EnrichedPost> record) {
        EnrichedPost post = record.value();
        if (post == null) {
            return;
        }
        if (record.key() == null || !Arrays.equals(record.key(), post.accountId().getBytes(StandardCharsets.UTF_8))) {
            metrics.notKeyedByAccount();
        }
        long now = context.currentSystemTimeMs();
        lastPostWallMs = now;
        idleAnnounced = false;
        long ts = post.eventTimeMs();
        long windowStart = windows.startOf(ts);
        if (windows.isClosed(windowStart, progressMs)) {
            metrics.late(post.region());
            lateUnsaid++;
            latestLateMs = Math.max(latestLateMs, ts);
            return;
        }
        advanceProgress(ts);
        String key = post.region() + SEPARATOR + windows.tickStartOf(ts);
        RegionWindowStats partial = pending.computeIfAbsent(key, k -> new RegionWindowStats(windowStart, categories));
        partial.add(post);
        if (countAccount(post.accountId(), windowStart) == hyperactivePosts) {
            partial.addHyperactive(post.accountId());
        }
        partialsStore.put(key, partial);
        metrics.counted(post.region(), post.protestRelated(), post.categoryHits());
        flushPassedTicksIfDue(now);
    }

    /** Sends the ticks this partition has passed, at most once per flush interval. */
    private void flushPassedTicksIfDue(long now) {
        if (progressMs == Long.MIN_VALUE || now - lastFlushWallMs < settings.flushIntervalMs()) {
            return;
        }
        long passed = windows.tickStartOf(progressMs);
        if (passed > announcedMs) {
            flush(passed, passed, now);
        }
    }

    /** Progress follows the newest post; a jump beyond {@code maxJumpMs} waits for the next post to confirm it. */
    private void advanceProgress(long ts) {
        long progress = progressMs;
        long held = heldJumpMs;
        if (ts <= progress + settings.maxJumpMs()) { // the first post is held too: it may be the outlier
            progress = Math.max(progress, ts);
            held = Long.MIN_VALUE;
        } else if (held != Long.MIN_VALUE) {
            progress = Math.max(progress, Math.min(held, ts));
            held = ts > progress + settings.maxJumpMs() ? ts : Long.MIN_VALUE;
        } else {
            held = ts;
        }
        if (progress != progressMs || held != heldJumpMs) {
            progressMs = progress;
            heldJumpMs = held;
            saveProgress();
        }
    }

    private void saveProgress() {
        progressStore.put(PROGRESS_KEY, new long[] {progressMs, announcedMs, heldJumpMs});
    }

    /**
     * One key per account, holding its counts in the open windows: an account's entry is rewritten
     * when it posts and left alone when its windows close (stale windows are skipped when loading),
     * so a window closing costs no deletes.
     */
    private long countAccount(String account, long windowStart) {
        long n = accountCounts.computeIfAbsent(windowStart, w -> new HashMap<>()).merge(account, 1L, Long::sum);
        long[] counts = new long[2 * accountCounts.size()];
        int i = 0;
        for (Map.Entry<Long, Map<String, Long>> window : accountCounts.entrySet()) {
            Long c = window.getValue().get(account);
            if (c != null) {
                counts[i++] = window.getKey();
                counts[i++] = c;
            }
        }
        accountsStore.put(account, i == counts.length ? counts : Arrays.copyOf(counts, i));
        return n;
    }

    /**
     * Says, loudly and at most once a minute, that posts were dropped as late: the counter alone
     * went unnoticed when a file was replayed a second time into the same topic and application
     * (every post behind progress, no alert, no word).
     */
    private void warnOfLatePosts(long now) {
        if (lateUnsaid == 0 || (lateSaidWallMs != Long.MIN_VALUE && now - lateSaidWallMs < LATE_WARNING_INTERVAL_MS)) {
            return;
        }
        LOG.warn("{} posts dropped as late on posts partition {}: dated up to {}, their windows had closed (this partition's posts"
                        + " have reached {}, grace {} s). Posts replayed a second time are late by design: replay into another posts"
                        + " topic or with another application.id to count them again (unrest_posts_late_dropped_total counts them)",
                lateUnsaid, partition, java.time.Instant.ofEpochMilli(latestLateMs), java.time.Instant.ofEpochMilli(progressMs),
                windows.graceMs() / 1000);
        lateUnsaid = 0;
        latestLateMs = Long.MIN_VALUE;
        lateSaidWallMs = now;
    }

    private void onWallClock(long now) {
        warnOfLatePosts(now);
        if (now - lastPostWallMs >= settings.idleTimeoutMs()) {
            if (!idleAnnounced) {
                // Quiet partition: send every pending partial, the tick in progress included, and
                // say so. A held jump is taken only up to the wall clock: the last post of a sparse
                // partition is not held back for ever, but an outlier dated ahead of now, followed by
                // a pause, cannot make the partition's next posts late (its partial waits in the
                // region stage until event time gets there). A post for a sent tick that comes later
                // is applied where the region stage then is.
                if (heldJumpMs != Long.MIN_VALUE) {
                    progressMs = Math.max(progressMs, Math.min(heldJumpMs, now));
                    heldJumpMs = heldJumpMs > now ? heldJumpMs : Long.MIN_VALUE;
                }
                idleAnnounced = true;
                flush(Long.MAX_VALUE, progressMs == Long.MIN_VALUE ? Long.MIN_VALUE
                        : windows.tickStartOf(progressMs) + windows.tickMs(), now);
            }
        } else {
            flushPassedTicksIfDue(now);
        }
    }

    /**
     * Sends every pending partial of a tick before {@code upTo}, grouped by region, then the
     * progress mark announcing that every post before {@code progress} has been sent.
     */
    private void flush(long upTo, long progress, long now) {
        Map<String, List<PartialBatch.TickPartial>> byRegion = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, RegionWindowStats>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, RegionWindowStats> e = it.next();
            int cut = e.getKey().lastIndexOf(SEPARATOR);
            long tick = Long.parseLong(e.getKey().substring(cut + 1));
            if (tick < upTo) {
                byRegion.computeIfAbsent(e.getKey().substring(0, cut), r -> new ArrayList<>())
                        .add(new PartialBatch.TickPartial(tick, e.getValue()));
                partialsStore.delete(e.getKey());
                it.remove();
            }
        }
        announcedMs = Math.max(announcedMs, progress);
        // Event time, but never ahead of the wall clock: the broker refuses timestamps far ahead.
        long timestamp = announcedMs == Long.MIN_VALUE ? now : Math.min(announcedMs, now);
        byRegion.forEach((region, partials) -> {
            // Copy candidates make a batch large (up to 2 x 768 of about 400 bytes a tick): a region's
            // ticks go in as many records as keep each well under Kafka's 1 MB.
            List<PartialBatch.TickPartial> batch = new ArrayList<>();
            int candidates = 0;
            for (PartialBatch.TickPartial p : partials) {
                if (!batch.isEmpty() && candidates + p.stats().candidateCount() > MAX_CANDIDATES_PER_RECORD) {
                    context.forward(new Record<>(region, new PartialBatch(partition, announcedMs, lastPostWallMs, idleAnnounced, batch), timestamp));
                    batch = new ArrayList<>();
                    candidates = 0;
                }
                batch.add(p);
                candidates += p.stats().candidateCount();
            }
            context.forward(new Record<>(region, new PartialBatch(partition, announcedMs, lastPostWallMs, idleAnnounced, batch), timestamp));
        });
        context.forward(new Record<>("", PartialBatch.progressMark(partition, announcedMs, lastPostWallMs, idleAnnounced), timestamp));
        saveProgress();
        lastFlushWallMs = now;
        forgetClosedAccountWindows();
    }

    /** Drops closed windows' counts; an account with no open window left is deleted, so the store stays bounded. */
    private void forgetClosedAccountWindows() {
        List<Map<String, Long>> closed = new ArrayList<>(1);
        for (Iterator<Map.Entry<Long, Map<String, Long>>> it = accountCounts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Map<String, Long>> e = it.next();
            if (windows.isClosed(e.getKey(), progressMs)) {
                closed.add(e.getValue());
                it.remove();
            }
        }
        for (Map<String, Long> window : closed) {
            for (String account : window.keySet()) {
                if (accountCounts.values().stream().noneMatch(open -> open.containsKey(account))) {
                    accountsStore.delete(account);
                }
            }
        }
    }
}
