package org.unrestwatch.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.unrestwatch.alert.Alert;
import org.unrestwatch.coordination.CoordinationSettings;
import org.unrestwatch.coordination.CopyCandidate;
import org.unrestwatch.coordination.CopyPasteClusters;
import org.unrestwatch.coordination.EmergingTerms;
import org.unrestwatch.coordination.RegionTerms;
import org.unrestwatch.alert.TermSuggestion;
import org.unrestwatch.coordination.RegionCoordination;
import org.unrestwatch.coordination.WindowCoordination;
import org.unrestwatch.detect.AlertFactory;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.detect.AlertState;
import org.unrestwatch.detect.Baseline;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.RegionDetector;
import org.unrestwatch.detect.RegionState;
import org.unrestwatch.detect.RulesInForce;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.region.Region;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinarySerde;
import org.unrestwatch.stats.EventWindows;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * Stage 2, keyed by region: merges the partial aggregates of every posts partition and runs each
 * region's {@link RegionDetector}. Event time here is the <em>merged progress</em>: the slowest
 * posts partition that is still live (a partition silent for {@code idleTimeoutMs} of wall time
 * stops holding windows back, and rejoins with its next batch). Partials of ticks before the
 * merged progress are applied tick by tick, in event-time order, and each region touched is
 * assessed as of the end of the tick; partials of later ticks wait in a store. So an alert
 * depends on the posts alone, not on partition count, pacing or the order in which partitions'
 * batches arrive.
 *
 * <p>A wall-clock punctuator re-checks idleness, and after {@code idleResolveAfter} without any
 * post closes all windows and resolves open alerts: stream time stands still without records.
 */
final class RegionStageProcessor implements Processor<String, PartialBatch, String, RegionOutput> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegionStageProcessor.class);
    static final String WINDOWS_STORE = "region-windows-store";
    static final String BASELINES_STORE = "region-baselines-store";
    static final String ALERTS_STORE = "region-alerts-store";
    static final String PENDING_STORE = "region-pending-ticks-store";
    static final String SOURCES_STORE = "source-progress-store";
    static final String COORDINATION_STORE = "region-copy-clusters-store";
    static final String TERMS_STORE = "region-window-terms-store";
    static final String TERMS_BASELINE_STORE = "region-terms-baseline-store";
    private static final String SEPARATOR = "|";
    /** The merged progress itself, in the sources store beside the partitions' progress (keyed by number). */
    private static final String MERGED_KEY = "merged";

    private final DetectionRules rules;
    private final EventWindows windows;
    private final SpikeDetector detector;
    private final RulesInForce live;
    private final AlertFactory alerts;
    private final DetectorMetrics metrics;
    private final int categories;
    private final DataPathSettings settings;
    private final int sourcePartitions;
    private final CoordinationSettings coordination;

    private ProcessorContext<String, RegionOutput> context;
    /** CloudEvents source of this detector's alerts. */
    private String source;
    private KeyValueStore<String, RegionState> windowStore;
    private KeyValueStore<String, Baseline> baselineStore;
    private KeyValueStore<String, AlertState> alertStore;
    private KeyValueStore<String, RegionWindowStats> pendingStore;
    private KeyValueStore<String, long[]> sourcesStore;
    /** Every region's copy-paste clusters, one key each; null with coordination off. */
    private WriteBehindStore<CopyPasteClusters.Cluster> coordinationStore;
    private WriteBehindStore<EmergingTerms.WindowTerms> termsStore;
    private WriteBehindStore<EmergingTerms.Baseline> termsBaselineStore;
    private final Map<String, RegionTerms> terms = new HashMap<>();
    private final Map<String, RegionDetector> regions = new HashMap<>();
    private final Map<String, CopyPasteClusters> copyClusters = new HashMap<>();
    /** Partials of ticks at or after the merged progress, by tick then region. */
    private final TreeMap<Long, Map<String, RegionWindowStats>> pendingTicks = new TreeMap<>();
    /** Per posts partition: {progress, 1 if it reported itself idle}. */
    private final Map<Integer, long[]> sources = new HashMap<>();
    private long mergedMs = Long.MIN_VALUE;
    private long closedBefore = Long.MIN_VALUE;
    /** Wall time the newest post arrived in any posts partition (reported with each batch). */
    private long lastPostWallMs;
    private boolean idle;

    RegionStageProcessor(DetectionRules rules, RulesInForce live, SpikeDetector detector, AlertFactory alerts, DetectorMetrics metrics,
                         int categories, DataPathSettings settings, int sourcePartitions, CoordinationSettings coordination) {
        this.coordination = coordination;
        this.rules = rules;
        this.windows = rules.windows();
        this.detector = detector;
        this.live = live;
        this.alerts = alerts;
        this.metrics = metrics;
        this.categories = categories;
        this.settings = settings;
        this.sourcePartitions = sourcePartitions;
    }

    static ProcessorSupplier<String, PartialBatch, String, RegionOutput> supplier(
            DetectionRules rules, RulesInForce live, SpikeDetector detector, AlertFactory alerts, DetectorMetrics metrics, int categories,
            DataPathSettings settings, int sourcePartitions, CoordinationSettings coordination, boolean inMemory) {
        Set<StoreBuilder<?>> stores = new java.util.HashSet<>(Set.of(
                store(WINDOWS_STORE, RegionState.CODEC, inMemory),
                store(BASELINES_STORE, Baseline.CODEC, inMemory),
                store(ALERTS_STORE, AlertState.CODEC, inMemory),
                store(PENDING_STORE, RegionWindowStats.CODEC, inMemory),
                store(SOURCES_STORE, StoreKinds.LONGS, inMemory)));
        if (coordination.enabled()) {
            // One key per cluster ("region|id"), written at most once per commit: a protest post changes one cluster.
            stores.add(WriteBehindStore.builder(COORDINATION_STORE, BinarySerde.of(CopyPasteClusters.CLUSTER_CODEC), inMemory));
            // Emerging terms: each open region window's counts ("region|start"), changed by every protest post; each region's baselines, once a window.
            stores.add(WriteBehindStore.builder(TERMS_STORE, BinarySerde.of(EmergingTerms.WindowTerms.CODEC), inMemory));
            stores.add(WriteBehindStore.builder(TERMS_BASELINE_STORE, BinarySerde.of(EmergingTerms.Baseline.CODEC), inMemory));
        }
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PartialBatch, String, RegionOutput> get() {
                return new RegionStageProcessor(rules, live, detector, alerts, metrics, categories, settings, sourcePartitions, coordination);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, BinaryCodec<T> codec, boolean inMemory) {
        return Stores.keyValueStoreBuilder(StoreKinds.keyValue(name, inMemory), Serdes.String(), BinarySerde.of(codec))
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, RegionOutput> context) {
        this.context = context;
        this.source = CloudEventHeaders.source(context.applicationId());
        windowStore = context.getStateStore(WINDOWS_STORE);
        baselineStore = context.getStateStore(BASELINES_STORE);
        alertStore = context.getStateStore(ALERTS_STORE);
        pendingStore = context.getStateStore(PENDING_STORE);
        sourcesStore = context.getStateStore(SOURCES_STORE);
        coordinationStore = coordination.enabled() ? context.getStateStore(COORDINATION_STORE) : null;
        termsStore = coordination.enabled() ? context.getStateStore(TERMS_STORE) : null;
        termsBaselineStore = coordination.enabled() ? context.getStateStore(TERMS_BASELINE_STORE) : null;
        // Kafka Streams may re-initialise this instance after an aborted transaction: start from
        // the stores (the last commit), never from what this instance held before.
        regions.clear();
        copyClusters.clear();
        terms.clear();
        loadCopyClusters();
        loadTerms();
        pendingTicks.clear();
        sources.clear();
        mergedMs = Long.MIN_VALUE;
        closedBefore = Long.MIN_VALUE;
        idle = false;
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, RegionState> it = windowStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, RegionState> kv = it.next();
                Baseline baseline = baselineStore.get(kv.key);
                AlertState story = alertStore.get(kv.key);
                RegionDetector region = new RegionDetector(kv.key, live, detector, categories, mayAlert(kv.key), kv.value,
                        baseline != null ? baseline : new Baseline(), story != null ? story : new AlertState());
                regions.put(kv.key, region);
                closedBefore = Math.max(closedBefore, kv.value.closedUpTo());
                metrics.alertOpen(kv.key, region.story().isOpen());
            }
        }
        try (KeyValueIterator<String, RegionWindowStats> it = pendingStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, RegionWindowStats> kv = it.next();
                int cut = kv.key.lastIndexOf(SEPARATOR);
                pendingTicks.computeIfAbsent(Long.parseLong(kv.key.substring(cut + 1)), t -> new LinkedHashMap<>())
                        .put(kv.key.substring(0, cut), kv.value);
            }
        }
        long storedMerged = Long.MIN_VALUE;
        try (KeyValueIterator<String, long[]> it = sourcesStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, long[]> kv = it.next();
                if (kv.key.equals(MERGED_KEY)) {
                    storedMerged = kv.value[0];
                } else {
                    sources.put(Integer.parseInt(kv.key), kv.value.clone());
                }
            }
        }
        for (int p = 0; p < sourcePartitions; p++) {
            sources.putIfAbsent(p, new long[] {Long.MIN_VALUE, 0});
        }
        // Not just the slowest live partition: after one rejoined behind, that is behind where the
        // windows are, and a late tick would then be assessed as of its own end though its window
        // already holds later posts (evidence_through and tipped_at would disagree).
        mergedMs = Math.max(storedMerged, mergedProgress());
        lastPostWallMs = now;
        Duration tick = rules.idleResolveAfter().dividedBy(4);
        context.schedule(tick.compareTo(Duration.ofSeconds(1)) < 0 ? tick : Duration.ofSeconds(1),
                PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    private boolean mayAlert(String region) {
        return !Region.UNKNOWN.code().equals(region) || rules.alertOnUnknownRegion();
    }

    @Override
    public void process(Record<String, PartialBatch> record) {
        PartialBatch batch = record.value();
        if (batch == null) {
            return;
        }
        if (batch.lastPostWallMs() > lastPostWallMs) {
            lastPostWallMs = batch.lastPostWallMs();
            idle = false;
        }
        long[] source = sources.computeIfAbsent(batch.sourcePartition(), p -> new long[] {Long.MIN_VALUE, 0});
        for (PartialBatch.TickPartial partial : batch.partials()) {
            if (partial.tickStartMs() < mergedMs) {
                metrics.behindProgress();
                // Behind the merged progress (a post late in its partition, or a partition rejoining):
                // applied where the region stage is now.
                applyAndAssess(record.key(), partial.stats(), mergedMs);
            } else {
                String key = record.key() + SEPARATOR + partial.tickStartMs();
                RegionWindowStats waiting = pendingTicks.computeIfAbsent(partial.tickStartMs(), t -> new LinkedHashMap<>())
                        .merge(record.key(), partial.stats(), (a, b) -> {
                            a.merge(b);
                            return a;
                        });
                pendingStore.put(key, waiting);
            }
        }
        // Progress counts only from the mark that closes a flush: the flush's batches for other
        // regions of this task may not have been read yet when a batch of this one arrives.
        if (batch.isProgressMark()) {
            long idleFlag = batch.idle() ? 1 : 0;
            if (batch.progressMs() > source[0] || idleFlag != source[1]) {
                logIdleChange(batch.sourcePartition(), source[1], idleFlag, batch.progressMs());
                source[0] = Math.max(source[0], batch.progressMs());
                source[1] = idleFlag;
                sourcesStore.put(Integer.toString(batch.sourcePartition()), source.clone());
            }
        }
        advance();
    }

    /** The slowest partition that is not idle; when every partition is idle, none holds windows back. */
    private long mergedProgress() {
        long slowestLive = Long.MAX_VALUE;
        long fastest = Long.MIN_VALUE;
        for (long[] source : sources.values()) {
            if (source[1] == 0) {
                slowestLive = Math.min(slowestLive, source[0]);
            }
            fastest = Math.max(fastest, source[0]);
        }
        return slowestLive == Long.MAX_VALUE ? fastest : slowestLive;
    }

    /**
     * Every region task receives every progress mark; only the first says so, or each change would
     * be logged once per region partition.
     */
    private void logIdleChange(int partition, long before, long after, long progressMs) {
        if (before == after || context.taskId().partition() != 0) {
            return;
        }
        if (after == 1) {
            LOG.info("posts partition {} is idle (progress {}): windows no longer wait for it", partition, iso(progressMs));
        } else {
            LOG.info("posts partition {} has posts again (progress {}): windows wait for it again", partition, iso(progressMs));
        }
    }

    private static String iso(long ms) {
        return ms == Long.MIN_VALUE ? "none" : java.time.Instant.ofEpochMilli(ms).toString();
    }

    /** Moves the merged progress forward: the waiting ticks before it, in order, then the windows it closes. */
    private void advance() {
        long target = mergedProgress();
        if (target <= mergedMs) {
            return;
        }
        while (!pendingTicks.isEmpty() && pendingTicks.firstKey() < target) {
            Map.Entry<Long, Map<String, RegionWindowStats>> tick = pendingTicks.pollFirstEntry();
            closeWindows(tick.getKey());
            long evidenceThrough = tick.getKey() + windows.tickMs();
            tick.getValue().forEach((region, stats) -> {
                pendingStore.delete(region + SEPARATOR + tick.getKey());
                applyAndAssess(region, stats, evidenceThrough);
            });
        }
        closeWindows(target);
        mergedMs = target;
        sourcesStore.put(MERGED_KEY, new long[] {mergedMs});
    }

    private void applyAndAssess(String region, RegionWindowStats partial, long evidenceThroughMs) {
        RegionDetector d = regions.computeIfAbsent(region, r ->
                RegionDetector.fresh(r, live, detector, categories, mayAlert(r), Math.max(closedBefore, partial.windowStart())));
        List<CopyCandidate> copies = partial.takeCandidates();
        if (!d.add(partial)) {
            metrics.late(region, partial.posts());
            return;
        }
        if (coordinationStore != null && !copies.isEmpty()) {
            coordinate(d, partial.windowStart(), copies, evidenceThroughMs);
        }
        RegionDetector.Transition t = d.assess(partial.windowStart(), evidenceThroughMs);
        windowStore.put(region, d.windows());
        if (t != null || d.story().isOpen()) {
            alertStore.put(region, d.story()); // a renewed surge resets the calm count: a restart must see it
        }
        if (t != null) {
            emit(d, t);
        }
        metrics.window(region, d.currentObserved(), d.currentExpected(), d.currentOpeningScore());
    }

    /** Each region's clusters as of the last commit, each stored under "region|id". */
    private void loadCopyClusters() {
        if (coordinationStore == null) {
            return;
        }
        Map<String, List<CopyPasteClusters.Cluster>> stored = new HashMap<>();
        coordinationStore.forEachCommitted((key, cluster) ->
                stored.computeIfAbsent(key.substring(0, key.lastIndexOf(SEPARATOR)), r -> new java.util.ArrayList<>()).add(cluster));
        stored.forEach((region, clusters) -> copyClustersOf(region).restore(clusters));
    }

    /** Each region's open windows' term counts ("region|start") and baseline, as of the last commit. */
    private void loadTerms() {
        if (termsStore == null) {
            return;
        }
        Map<String, Map<Long, EmergingTerms.WindowTerms>> windowsByRegion = new HashMap<>();
        termsStore.forEachCommitted((key, w) -> {
            int cut = key.lastIndexOf(SEPARATOR);
            windowsByRegion.computeIfAbsent(key.substring(0, cut), r -> new HashMap<>()).put(Long.parseLong(key.substring(cut + 1)), w);
        });
        Map<String, EmergingTerms.Baseline> baselines = new HashMap<>();
        termsBaselineStore.forEachCommitted(baselines::put);
        java.util.Set<String> regionsWithTerms = new java.util.HashSet<>(windowsByRegion.keySet());
        regionsWithTerms.addAll(baselines.keySet());
        for (String region : regionsWithTerms) {
            termsOf(region).terms().restore(windowsByRegion.getOrDefault(region, Map.of()), baselines.get(region));
        }
    }

    private RegionTerms termsOf(String region) {
        return terms.computeIfAbsent(region, r -> coordination.newTerms());
    }

    private CopyPasteClusters copyClustersOf(String region) {
        return copyClusters.computeIfAbsent(region, r -> {
            CopyPasteClusters clusters = coordination.newClusters();
            clusters.listen(new CopyPasteClusters.Changes() {
                @Override
                public void changed(CopyPasteClusters.Cluster c) {
                    coordinationStore.put(r + SEPARATOR + c.id(), c);
                }

                @Override
                public void dropped(CopyPasteClusters.Cluster c) {
                    coordinationStore.delete(r + SEPARATOR + c.id());
                }
            });
            return clusters;
        });
    }

    /** Clusters a tick's protest posts with the region's recent ones, counts their terms, and tells the window what copy-paste it now holds. */
    private void coordinate(RegionDetector d, long windowStart, List<CopyCandidate> copies, long evidenceThroughMs) {
        RegionCoordination clusters = new RegionCoordination(copyClustersOf(d.region()));
        clusters.observe(windowStart, copies);
        termsStore.put(d.region() + SEPARATOR + windowStart, termsOf(d.region()).observe(windowStart, copies));
        WindowCoordination window = clusters.window(windowStart, evidenceThroughMs);
        d.setCoordination(windowStart, window);
        RegionWindowStats stats = d.windows().openWindows().stream().filter(w -> w.windowStart() == windowStart).findFirst().orElse(null);
        metrics.coordinatedShare(d.region(), stats == null || stats.protestPosts() == 0 ? 0 : (double) window.posts() / stats.protestPosts());
    }

    /** Closes, in every region of this task, each window whose end plus grace is at or before {@code watermarkMs}. */
    private void closeWindows(long watermarkMs) {
        long before = windows.firstOpenAt(watermarkMs);
        if (before <= closedBefore) {
            return;
        }
        closedBefore = before;
        for (RegionDetector d : regions.values()) {
            persistAfter(d, d.closeThrough(watermarkMs));
        }
        for (Map.Entry<String, RegionTerms> region : terms.entrySet()) {
            suggestTerms(region.getKey(), region.getValue(), before);
        }
    }

    /** Closes a region's term windows before {@code before} and publishes their suggestions. */
    private void suggestTerms(String region, RegionTerms regionTerms, long before) {
        java.util.Set<Long> open = new java.util.HashSet<>(regionTerms.terms().windows().keySet());
        Map<Long, List<EmergingTerms.Suggestion>> suggested = regionTerms.closeBefore(before);
        open.removeAll(regionTerms.terms().windows().keySet());
        if (open.isEmpty()) {
            return;
        }
        open.forEach(start -> termsStore.delete(region + SEPARATOR + start));
        termsBaselineStore.put(region, regionTerms.terms().baseline());
        if (!mayAlert(region)) {
            return; // posts with no region: nobody can add a term "there"
        }
        long now = context.currentSystemTimeMs();
        suggested.forEach((start, list) -> list.forEach(s -> {
            TermSuggestion t = alerts.suggestion(region, start, s, now);
            context.forward(new Record<>(t.key(), RegionOutput.of(t), now));
        }));
        metrics.termsSuggested(region, suggested.values().stream().mapToInt(List::size).sum());
    }

    private void persistAfter(RegionDetector d, List<RegionDetector.Transition> transitions) {
        windowStore.put(d.region(), d.windows());
        baselineStore.put(d.region(), d.baseline());
        alertStore.put(d.region(), d.story());
        transitions.forEach(t -> emit(d, t));
        metrics.window(d.region(), d.currentObserved(), d.currentExpected(), d.currentOpeningScore());
    }

    private void emit(RegionDetector d, RegionDetector.Transition t) {
        long now = context.currentSystemTimeMs();
        // The rules that judged the window: its own thresholds in the rule block, and their version.
        long windowEnd = RulesInForce.lastInstant(t.window().windowStart(), rules.windowMs());
        Alert alert = alerts.withRules(live.detector(d.region(), windowEnd).rules()).create(d.region(), t.status(), d.story(),
                t.window(), t.assessment(), t.evidenceThroughMs(), now, live.version(windowEnd));
        // Stamped with wall-clock time: event times may be old (replays) and the alerts topic must keep them.
        context.forward(new Record<>(d.region(), RegionOutput.of(alert), now, CloudEventHeaders.of(alert, source)));
        metrics.alert(d.region(), d.story().type(), d.story().severity(), t.status());
        metrics.alertOpen(d.region(), d.story().isOpen());
        if (t.status() == AlertStatus.OPEN) {
            metrics.latency(now - t.window().latestIngestMs());
        }
    }

    private void onWallClock(long now) {
        if (idle || now - lastPostWallMs < rules.idleResolveAfter().toMillis()) {
            return;
        }
        idle = true;
        for (RegionDetector d : regions.values()) {
            persistAfter(d, d.idle());
        }
        // The windows a quiet spell leaves open say what rose in them now, not when posts come back.
        for (Map.Entry<String, RegionTerms> region : terms.entrySet()) {
            suggestTerms(region.getKey(), region.getValue(), Long.MAX_VALUE);
        }
    }
}
