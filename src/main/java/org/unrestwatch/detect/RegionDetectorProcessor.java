package org.unrestwatch.detect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.unrestwatch.alert.AlertFactory;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.region.Region;
import org.unrestwatch.serde.BinaryCodec;
import org.unrestwatch.serde.BinarySerde;
import org.unrestwatch.stats.RegionSignal;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * The per-region heart of the detector (input keyed by region). For each signal it updates the
 * region's open window, assesses it and lets the lifecycle decide whether to emit. When stream
 * time passes a window's end plus grace, the window closes: the lifecycle counts calm windows,
 * and the baseline learns from it ({@link SpikeDetector#closeWindow}). Empty windows close too (as zeros),
 * so quiet periods are learned. A wall-clock punctuator closes everything and resolves open
 * alerts when no record has arrived for {@code idleResolveAfter}, because stream time stands
 * still without records.
 *
 * <p>State lives in three named stores (windows, baselines, alert stories) and is mirrored in
 * memory for the task's few regions, so the per-post path reads no store and writes one
 * (cached) entry.
 */
public final class RegionDetectorProcessor implements Processor<String, RegionSignal, String, Alert> {
    public static final String WINDOWS_STORE = "region-windows-store";
    public static final String BASELINES_STORE = "region-baselines-store";
    public static final String ALERTS_STORE = "region-alerts-store";
    /** Longest run of empty windows learned after a gap; longer silences are not replayed window by window. */
    private static final int MAX_GAP_WINDOWS = 7 * 24 * 12;

    private final DetectionRules rules;
    private final SpikeDetector detector;
    private final AlertLifecycle lifecycle;
    private final AlertFactory alerts;
    private final DetectorMetrics metrics;
    private final int categories;

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, RegionState> windowStore;
    private KeyValueStore<String, Baseline> baselineStore;
    private KeyValueStore<String, AlertState> alertStore;
    private final Map<String, RegionState> states = new HashMap<>();
    private final Map<String, Baseline> baselines = new HashMap<>();
    private final Map<String, AlertState> stories = new HashMap<>();
    private long closedBefore = Long.MIN_VALUE;
    /**
     * The highest event time this processor has seen. Kept here rather than read from the context:
     * a task's stream time can include other sources (TopologyTestDriver runs every sub-topology in
     * one task). After a restart it starts at a lower bound recovered from the stores.
     */
    private long streamTime = Long.MIN_VALUE;
    private long lastRecordWallMs;
    private boolean idle;

    public RegionDetectorProcessor(DetectionRules rules, SpikeDetector detector, AlertFactory alerts,
                                   DetectorMetrics metrics, int categories) {
        this.rules = rules;
        this.detector = detector;
        this.lifecycle = new AlertLifecycle(rules);
        this.alerts = alerts;
        this.metrics = metrics;
        this.categories = categories;
    }

    public static ProcessorSupplier<String, RegionSignal, String, Alert> supplier(
            DetectionRules rules, SpikeDetector detector, AlertFactory alerts, DetectorMetrics metrics, int categories,
            boolean inMemory) {
        Set<StoreBuilder<?>> stores = Set.of(
                store(WINDOWS_STORE, RegionState.CODEC, inMemory),
                store(BASELINES_STORE, Baseline.CODEC, inMemory),
                store(ALERTS_STORE, AlertState.CODEC, inMemory));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, RegionSignal, String, Alert> get() {
                return new RegionDetectorProcessor(rules, detector, alerts, metrics, categories);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, BinaryCodec<T> codec, boolean inMemory) {
        return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name),
                        Serdes.String(), BinarySerde.of(codec))
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.windowStore = context.getStateStore(WINDOWS_STORE);
        this.baselineStore = context.getStateStore(BASELINES_STORE);
        this.alertStore = context.getStateStore(ALERTS_STORE);
        loadAll(windowStore, states);
        loadAll(baselineStore, baselines);
        loadAll(alertStore, stories);
        stories.forEach((region, story) -> metrics.alertOpen(region, story.isOpen()));
        streamTime = Long.MIN_VALUE;
        for (RegionState state : states.values()) {
            if (state.closedUpTo != Long.MIN_VALUE) {
                streamTime = Math.max(streamTime, state.closedUpTo + rules.grace().toMillis());
            }
            streamTime = Math.max(streamTime, state.latestOpen());
        }
        lastRecordWallMs = context.currentSystemTimeMs();
        Duration tick = rules.idleResolveAfter().dividedBy(4);
        context.schedule(tick.compareTo(Duration.ofSeconds(1)) < 0 ? tick : Duration.ofSeconds(1),
                PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
    }

    private static <T> void loadAll(KeyValueStore<String, T> store, Map<String, T> into) {
        into.clear();
        try (KeyValueIterator<String, T> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, T> kv = it.next();
                into.put(kv.key, kv.value);
            }
        }
    }

    @Override
    public void process(Record<String, RegionSignal> record) {
        String region = record.key();
        RegionSignal signal = record.value();
        if (region == null || signal == null) {
            return;
        }
        lastRecordWallMs = context.currentSystemTimeMs();
        idle = false;
        streamTime = Math.max(streamTime, record.timestamp());
        advance(streamTime);

        long windowStart = rules.windowStartOf(record.timestamp());
        // A region's history starts at its first post: no zeros are learned for the time before.
        RegionState state = states.computeIfAbsent(region, r -> new RegionState(Math.max(closedBefore, windowStart)));
        if (windowStart < state.closedUpTo) {
            if (signal.isPost()) {
                metrics.late(region);
            }
            return;
        }
        RegionWindowStats window = state.window(windowStart, categories);
        if (signal.isPost()) {
            EnrichedPost post = signal.post();
            window.add(post);
            metrics.counted(region, post.protestRelated(), post.categoryHits());
        } else {
            window.addHyperactive(signal.hyperactive());
        }
        windowStore.put(region, state);
        assessOpenWindow(region, window);
    }

    /** Closes, in every region of this task, each window whose end plus grace is at or before stream time. */
    private void advance(long streamTime) {
        long before = rules.windowStartOf(streamTime - rules.grace().toMillis());
        if (before <= closedBefore) {
            return;
        }
        closedBefore = before;
        for (String region : List.copyOf(states.keySet())) {
            closeUpTo(region, before);
        }
    }

    private void closeUpTo(String region, long before) {
        RegionState state = states.get(region);
        if (state.closedUpTo >= before) {
            return;
        }
        long w = rules.windowMs();
        long from = Math.min(state.closedUpTo == Long.MIN_VALUE ? Long.MAX_VALUE : state.closedUpTo, state.earliestOpen());
        if (from == Long.MAX_VALUE) {
            from = before;
        }
        // Windows older than the gap cap are closed without learning a zero for each one.
        long capFrom = before - MAX_GAP_WINDOWS * w;
        while (state.earliestOpen() < capFrom) {
            closeWindow(region, state.take(state.earliestOpen()));
        }
        for (long start = Math.max(from, capFrom); start < before; start += w) {
            RegionWindowStats window = state.take(start);
            closeWindow(region, window != null ? window : new RegionWindowStats(start, categories));
        }
        state.closedUpTo = before;
        windowStore.put(region, state);
        if (state.open.isEmpty()) {
            // No post yet in the region's current window: the gauges show an empty window, not the closed one.
            Baseline baseline = baselines.computeIfAbsent(region, r -> new Baseline());
            metrics.window(region, 0, baseline.expected(before, rules.baseline()), 0);
        }
    }

    private void closeWindow(String region, RegionWindowStats window) {
        Baseline baseline = baselines.computeIfAbsent(region, r -> new Baseline());
        AlertState story = stories.computeIfAbsent(region, r -> new AlertState());
        Assessment a = detector.assess(window, baseline);
        boolean alertWasOpen = story.isOpen();
        AlertStatus status = lifecycle.onClosedWindow(story, a, window.windowStart());
        if (status != null) {
            emit(region, status, story, window, a);
        }
        if (alertWasOpen) {
            alertStore.put(region, story);
        }
        detector.closeWindow(baseline, window.windowStart(), a, alertWasOpen);
        baselineStore.put(region, baseline);
    }

    private void assessOpenWindow(String region, RegionWindowStats window) {
        Assessment a = detector.assess(window, baselines.computeIfAbsent(region, r -> new Baseline()));
        if (window.windowStart() == rules.windowStartOf(streamTime)) {
            metrics.window(region, window.protestPosts(), a.expected(), a.score());
        }
        if (Region.UNKNOWN.code().equals(region) && !rules.alertOnUnknownRegion()) {
            return;
        }
        AlertState story = stories.computeIfAbsent(region, r -> new AlertState());
        int calmBefore = story.calmWindows;
        AlertStatus status = lifecycle.onOpenWindow(region, story, a, window.windowStart());
        if (status != null || story.calmWindows != calmBefore) {
            // The mirror changed (a new status, or a renewed surge reset the calm count): persist it,
            // or a restart would resume from a stale calm count and resolve early.
            alertStore.put(region, story);
        }
        if (status != null) {
            emit(region, status, story, window, a);
            if (status == AlertStatus.OPEN) {
                metrics.latency(context.currentSystemTimeMs() - window.latestIngestMs());
            }
        }
    }

    private void emit(String region, AlertStatus status, AlertState story, RegionWindowStats window, Assessment a) {
        long now = context.currentSystemTimeMs();
        Alert alert = alerts.create(region, status, story, window, a, now);
        // Stamped with wall-clock time: event times may be old (replays) and the alerts topic must keep them.
        context.forward(new Record<>(region, alert, now));
        metrics.alert(region, story.type(), story.severity(), status);
        metrics.alertOpen(region, story.isOpen());
    }

    /** Stream time stands still without records: after a quiet spell, close all windows and resolve. */
    private void checkIdle(long wallNow) {
        if (idle || wallNow - lastRecordWallMs < rules.idleResolveAfter().toMillis()) {
            return;
        }
        idle = true;
        for (String region : List.copyOf(states.keySet())) {
            RegionState state = states.get(region);
            if (!state.open.isEmpty()) {
                closeUpTo(region, state.latestOpen() + rules.windowMs());
            }
            AlertState story = stories.get(region);
            if (story != null && story.isOpen()) {
                lifecycle.onIdle(story, state.closedUpTo);
                alertStore.put(region, story);
                RegionWindowStats empty = new RegionWindowStats(state.closedUpTo - rules.windowMs(), categories);
                emit(region, AlertStatus.RESOLVED, story, empty,
                        detector.assess(empty, baselines.computeIfAbsent(region, r -> new Baseline())));
            }
        }
    }
}
