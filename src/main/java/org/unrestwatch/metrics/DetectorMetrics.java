package org.unrestwatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.unrestwatch.alert.AlertStatus;
import org.unrestwatch.alert.AlertType;
import org.unrestwatch.alert.Severity;
import org.unrestwatch.post.RejectReason;
import org.unrestwatch.region.Resolution;

/**
 * The detector's own metrics. Label values are bounded by construction: regions and categories
 * come from config, reasons and types are enums; accounts and terms never become labels. Meters
 * are looked up once and cached, so the per-post path does no registry lookups.
 */
public final class DetectorMetrics {
    private final MeterRegistry registry;
    private final Counter consumed;
    private final Counter notKeyedByAccount;
    private final Counter behindProgress;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<Resolution, Counter> resolved = new EnumMap<>(Resolution.class);
    private final Map<String, RegionMeters> regions = new ConcurrentHashMap<>();
    private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter rulesRejected;
    private final Counter rulesApplied;
    private final Timer rulesPropagation;
    private final List<String> categories;

    /** Per-region meters, created the first time a region is seen. */
    private final class RegionMeters {
        final Counter posts;
        final Counter protest;
        final Counter late;
        final Counter[] hits;
        final AtomicLong windowCount = new AtomicLong();
        final AtomicLong expectedMilli = new AtomicLong();
        final AtomicLong scoreMilli = new AtomicLong();
        final AtomicLong coordinatedShareMilli = new AtomicLong();
        final AtomicLong openAlerts = new AtomicLong();
        /** Per status, registered at 0 with the region: a dashboard sees the first OPEN as an increase, and a restart as a reset. */
        final java.util.Map<AlertStatus, Counter> transitions = new java.util.EnumMap<>(AlertStatus.class);

        RegionMeters(String region) {
            for (AlertStatus status : AlertStatus.values()) {
                transitions.put(status, Counter.builder("unrest.alert.transitions")
                        .description("Alert stories opened, updated and resolved, by region and status (for dashboard annotations)")
                        .tag("region", region).tag("status", status.name()).register(registry));
            }
            posts = Counter.builder("unrest.region.posts").description("Valid posts counted, by resolved region")
                    .tag("region", region).register(registry);
            protest = Counter.builder("unrest.region.protest.posts")
                    .description("Protest-related posts (lexicon weight over the threshold), by region")
                    .tag("region", region).register(registry);
            late = Counter.builder("unrest.posts.late.dropped")
                    .description("Posts that arrived after their window closed (beyond the grace period behind their own posts partition), by region")
                    .tag("region", region).register(registry);
            hits = new Counter[categories.size()];
            for (int i = 0; i < hits.length; i++) {
                hits[i] = Counter.builder("unrest.keyword.hits").description("Lexicon matches, by region and category")
                        .tag("region", region).tag("category", categories.get(i)).register(registry);
            }
            Gauge.builder("unrest.window.protest.posts", windowCount, AtomicLong::get)
                    .description("Protest-related posts in the region's current window").tag("region", region).register(registry);
            Gauge.builder("unrest.baseline.expected", expectedMilli, v -> v.get() / 1000.0)
                    .description("Protest-related posts the baseline expects in the current window").tag("region", region)
                    .register(registry);
            Gauge.builder("unrest.spike.score", scoreMilli, v -> v.get() / 1000.0)
                    .description("Score of the current window as the opening decision sees it: the larger test over the region's own threshold for it, times detect.open.score (alerts open there); 0 while neither test's span holds detect.min.volume posts").tag("region", region)
                    .register(registry);
            Gauge.builder("unrest.coordinated.share", coordinatedShareMilli, v -> v.get() / 1000.0)
                    .description("Share of the protest posts of the region's latest window with copy-paste in coordinated clusters"
                            + " (near-identical text from coordination.min.accounts accounts within coordination.span)")
                    .tag("region", region).register(registry);
            Gauge.builder("unrest.alerts.open", openAlerts, AtomicLong::get)
                    .description("Alerts currently open in the region (0 or 1)").tag("region", region).register(registry);
        }
    }

    public DetectorMetrics(MeterRegistry registry, List<String> categories) {
        this.registry = registry;
        this.categories = List.copyOf(categories);
        this.consumed = Counter.builder("unrest.posts.consumed").description("Records read from the posts topic")
                .register(registry);
        this.notKeyedByAccount = Counter.builder("unrest.posts.not.keyed.by.account")
                .description("Valid posts whose record key is not their account id (the producer contract):"
                        + " their account's posts may be split across partitions; see accounts.repartition")
                .register(registry);
        this.behindProgress = Counter.builder("unrest.partials.behind.progress")
                .description("Partial aggregates that reached the region stage after its event-time progress had passed their"
                        + " tick (posts late in their own partition, or a partition rejoining after idling): applied then, not lost")
                .register(registry);
        this.rulesRejected = Counter.builder("unrest.rules.rejected")
                .description("Records of the rules topic that are not valid rules: sent to the dead-letter topic, never applied")
                .register(registry);
        this.rulesApplied = Counter.builder("unrest.rules.applied")
                .description("Live rules (and deletions) this instance has put in force since it started")
                .register(registry);
        this.rulesPropagation = Timer.builder("unrest.rules.propagation")
                .description("From a rule's record being written to the rules topic to its being in force on this instance")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            if (reason == RejectReason.INVALID_RULE) {
                continue; // counted by unrest.rules.rejected: it is not a post
            }
            rejected.put(reason, Counter.builder("unrest.posts.rejected")
                    .description("Records sent to the dead-letter topic, by reason").tag("reason", reason.name())
                    .register(registry));
        }
        for (Resolution how : Resolution.values()) {
            resolved.put(how, Counter.builder("unrest.posts.region.resolution")
                    .description("How each valid post's region was found").tag("method", how.name()).register(registry));
        }
        this.latency = Timer.builder("unrest.alert.latency")
                .description("From the triggering post's arrival in the posts topic to the OPEN alert being emitted (openings only)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void consumed() {
        consumed.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void ruleRejected() {
        rulesRejected.increment();
    }

    /** A rule put in force {@code millis} after its record was written. */
    public void ruleApplied(long millis) {
        rulesApplied.increment();
        rulesPropagation.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public void resolved(Resolution how) {
        resolved.get(how).increment();
    }

    private RegionMeters region(String region) {
        return regions.computeIfAbsent(region, RegionMeters::new);
    }

    public void counted(String region, boolean protestRelated, int[] categoryHits) {
        RegionMeters m = region(region);
        m.posts.increment();
        if (protestRelated) {
            m.protest.increment();
        }
        for (int i = 0; i < categoryHits.length && i < m.hits.length; i++) {
            if (categoryHits[i] > 0) {
                m.hits[i].increment(categoryHits[i]);
            }
        }
    }

    public void late(String region) {
        region(region).late.increment();
    }

    public void late(String region, long posts) {
        region(region).late.increment(posts);
    }

    public void behindProgress() {
        behindProgress.increment();
    }

    public void notKeyedByAccount() {
        notKeyedByAccount.increment();
    }

    public void window(String region, long protestPosts, double expected, double score) {
        RegionMeters m = region(region);
        m.windowCount.set(protestPosts);
        m.expectedMilli.set(Math.round(expected * 1000));
        m.scoreMilli.set(Math.round(score * 1000));
    }

    /** Terms suggested for the lexicon in a region (published to the emerging-terms topic). */
    public void termsSuggested(String region, int n) {
        if (n > 0) {
            Counter.builder("unrest.terms.suggested").description("Emerging terms suggested for the lexicon, by region")
                    .tag("region", region).register(registry).increment(n);
        }
    }

    /** Copy-paste share of the window the region stage just clustered posts of. */
    public void coordinatedShare(String region, double share) {
        region(region).coordinatedShareMilli.set(Math.round(share * 1000));
    }

    public void alertOpen(String region, boolean open) {
        region(region).openAlerts.set(open ? 1 : 0);
    }

    public void alert(String region, AlertType type, Severity severity, AlertStatus status) {
        region(region).transitions.get(status).increment();
        String key = region + '|' + type + '|' + severity + '|' + status;
        alerts.computeIfAbsent(key, k -> Counter.builder("unrest.alerts")
                .description("Alerts emitted, by region, type, severity and status")
                .tag("region", region).tag("type", type.name()).tag("severity", severity.name())
                .tag("status", status.name()).register(registry)).increment();
    }

    public void latency(long millis) {
        latency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }
}
