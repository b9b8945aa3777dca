package org.unrestwatch.detect;

import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.stats.RegionWindowStats;

/**
 * One region's detection, written once for the topology and {@code evaluate}: the region's open
 * windows, baseline and alert story, and the life of a window. Partial aggregates are
 * {@linkplain #add added} to it; while open it is {@linkplain #assess assessed} as of an event time, so
 * an alert fires as soon as the evidence is there; it {@linkplain #closeThrough closes} when the
 * watermark passes its end plus grace (calm windows count, the baseline learns); an
 * {@linkplain #idle idle} region closes everything and resolves. Pure: the caller persists the three
 * parts ({@link #windows}, {@link #baseline}, {@link #story}) and emits the transitions returned.
 */
public final class RegionDetector {
    /** An alert status to emit, the window and verdict behind it, and the event time its evidence runs through. */
    public record Transition(AlertStatus status, RegionWindowStats window, Assessment assessment, long evidenceThroughMs) {
    }

    /** Longest run of empty windows learned after a gap; longer silences are not replayed window by window. */
    private static final int MAX_GAP_WINDOWS = 7 * 24 * 12;

    private final String region;
    private final SpikeDetector detector;
    private final RulesInForce live;
    private final DetectionRules rules;
    private final AlertLifecycle lifecycle;
    private final int categories;
    private final boolean mayAlert;
    private final RegionState windows;
    private final Baseline baseline;
    private final AlertState story;
    private Assessment latest;

    public RegionDetector(String region, SpikeDetector detector, int categories, boolean mayAlert,
                          RegionState windows, Baseline baseline, AlertState story) {
        this(region, RulesInForce.fixed(detector), detector, categories, mayAlert, windows, baseline, story);
    }

    /**
     * {@code live}: the thresholds and mutes for each window, by its end; {@code detector}: the
     * configuration's, whose windows, baseline settings and story lifecycle no live rule changes.
     */
    public RegionDetector(String region, RulesInForce live, SpikeDetector detector, int categories, boolean mayAlert,
                          RegionState windows, Baseline baseline, AlertState story) {
        this.region = region;
        this.detector = detector;
        this.live = live;
        this.rules = detector.rules();
        this.lifecycle = new AlertLifecycle(rules);
        this.categories = categories;
        this.mayAlert = mayAlert;
        this.windows = windows;
        this.baseline = baseline;
        this.story = story;
    }

    /** A region seen for the first time: its history starts at its first window, no zeros before. */
    public static RegionDetector fresh(String region, SpikeDetector detector, int categories, boolean mayAlert, long firstWindow) {
        return fresh(region, RulesInForce.fixed(detector), detector, categories, mayAlert, firstWindow);
    }

    public static RegionDetector fresh(String region, RulesInForce live, SpikeDetector detector, int categories, boolean mayAlert,
                                       long firstWindow) {
        return new RegionDetector(region, live, detector, categories, mayAlert, new RegionState(firstWindow), new Baseline(),
                new AlertState());
    }

    /** Adds a partial aggregate to its window; false, and nothing added, when that window has closed. */
    public boolean add(RegionWindowStats partial) {
        if (partial.windowStart() < windows.closedUpTo) {
            return false;
        }
        windows.window(partial.windowStart(), categories).merge(partial);
        return true;
    }

    /** Sets copy-paste in the open window at {@code windowStart} (the region stage clusters; the assessment reads it). */
    public void setCoordination(long windowStart, org.unrestwatch.coordination.WindowCoordination coordination) {
        RegionWindowStats w = windows.find(windowStart);
        if (w != null) {
            w.setCoordination(coordination);
        }
    }

    /** Assesses the open window at {@code windowStart} with the posts before {@code evidenceThroughMs}: OPEN or UPDATED, or null. */
    public Transition assess(long windowStart, long evidenceThroughMs) {
        RegionWindowStats w = windows.find(windowStart);
        if (w == null) {
            return null;
        }
        long windowEnd = RulesInForce.lastInstant(windowStart, rules.windowMs());
        Assessment a = live.detector(region, windowEnd).assess(w, baseline);
        if (windowStart == windows.latestOpen()) {
            latest = a;
        }
        if (!mayAlert || live.muted(region, windowEnd)) {
            return null;
        }
        AlertStatus status = lifecycle.onOpenWindow(region, story, a, windowStart);
        return status == null ? null : new Transition(status, w, a, evidenceThroughMs);
    }

    /** Closes, oldest first, every window whose end plus grace is at or before {@code watermarkMs}. */
    public List<Transition> closeThrough(long watermarkMs) {
        return closeBefore(rules.windows().firstOpenAt(watermarkMs));
    }

    private List<Transition> closeBefore(long before) {
        List<Transition> out = new ArrayList<>(0);
        if (windows.closedUpTo >= before) {
            return out;
        }
        long w = rules.windowMs();
        long from = Math.min(windows.closedUpTo == Long.MIN_VALUE ? Long.MAX_VALUE : windows.closedUpTo, windows.earliestOpen());
        if (from == Long.MAX_VALUE) {
            from = before;
        }
        // Windows older than the gap cap are closed without learning a zero for each one.
        long capFrom = before - MAX_GAP_WINDOWS * w;
        while (windows.earliestOpen() < capFrom) {
            close(windows.take(windows.earliestOpen()), out);
        }
        for (long start = Math.max(from, capFrom); start < before; start += w) {
            RegionWindowStats window = windows.take(start);
            close(window != null ? window : new RegionWindowStats(start, categories), out);
        }
        windows.closedUpTo = before;
        if (windows.open.isEmpty()) {
            latest = null;
        }
        return out;
    }

    private void close(RegionWindowStats window, List<Transition> out) {
        SpikeDetector judge = live.detector(region, RulesInForce.lastInstant(window.windowStart(), rules.windowMs()));
        Assessment a = judge.assess(window, baseline);
        boolean alertWasOpen = story.isOpen();
        AlertStatus status = lifecycle.onClosedWindow(story, a, window.windowStart());
        if (status != null) {
            out.add(new Transition(status, window, a, window.windowStart() + rules.windowMs()));
        }
        // The baseline learns as the configuration would have it: a live threshold override decides
        // stories, never what the region's history becomes.
        Assessment learned = judge == detector ? a : detector.assess(window, baseline);
        detector.closeWindow(baseline, window.windowStart(), learned, alertWasOpen,
                alertWasOpen ? window.windowStart() - story.openedWindow() : 0, story.isOpen());
    }

    /** The stream went quiet: closes every open window and resolves an open story without further evidence. */
    public List<Transition> idle() {
        List<Transition> out = windows.open.isEmpty() ? new ArrayList<>(0) : closeBefore(windows.latestOpen() + rules.windowMs());
        if (lifecycle.onIdle(story, windows.closedUpTo) != null) {
            RegionWindowStats empty = new RegionWindowStats(windows.closedUpTo - rules.windowMs(), categories);
            out.add(new Transition(AlertStatus.RESOLVED, empty, detector.assess(empty, baseline), windows.closedUpTo));
        }
        return out;
    }

    public String region() {
        return region;
    }

    public RegionState windows() {
        return windows;
    }

    public Baseline baseline() {
        return baseline;
    }

    public AlertState story() {
        return story;
    }

    /** Protest posts in the newest open window so far (0 when none is open). */
    public long currentObserved() {
        return latest == null ? 0 : latest.observed();
    }

    /** The baseline's expectation for the newest open window, or for the next one when none is open. */
    public double currentExpected() {
        if (latest != null) {
            return latest.expected();
        }
        return baseline.expected(windows.closedUpTo, rules.baseline());
    }

    /** {@link Assessment#openingScore}, 0 while the region is too young to open anything: what the spike-score gauge shows. */
    public double currentOpeningScore() {
        return latest == null || !detector.mayOpen(baseline) ? 0 : latest.openingScore(rules);
    }
}
