package org.unrestwatch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting the detector reads, with its default and what it does: the single source for the
 * loader's validation and the README's configuration reference. The default's form declares the
 * type the loader validates: {@code 24} a whole number, {@code 8.0} a decimal number, {@code 5m} a
 * duration, {@code true} a boolean. Keys starting with {@code kafka.}
 * are not listed here: they pass through to Kafka Streams and its clients with the prefix removed.
 */
public record Setting(String key, String defaultValue, String description, Range range) {
    public Setting(String key, String defaultValue, String description) {
        this(key, defaultValue, description, Range.ANY);
    }

    /**
     * Allowed values of a number or duration (durations in milliseconds), checked at load with the
     * key named. {@code exclusiveMin}: the minimum itself is not allowed.
     */
    public record Range(double min, double max, boolean exclusiveMin) {
        static final Range ANY = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);

        public boolean contains(double v) {
            return (exclusiveMin ? v > min : v >= min) && v <= max;
        }

        /** For messages, in the setting's own unit: "at least 1", "between 0 and 65535", "above 0". */
        public String describe(boolean duration) {
            String lo = duration ? Durations.format(java.time.Duration.ofMillis((long) min)) : number(min);
            if (max == Double.POSITIVE_INFINITY) {
                return (exclusiveMin ? "above " : "at least ") + lo;
            }
            return "between " + lo + " and " + (duration ? Durations.format(java.time.Duration.ofMillis((long) max)) : number(max));
        }

        private static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    Setting atLeast(double min) {
        return new Setting(key, defaultValue, description, new Range(min, Double.POSITIVE_INFINITY, false));
    }

    Setting above(double min) {
        return new Setting(key, defaultValue, description, new Range(min, Double.POSITIVE_INFINITY, true));
    }

    Setting between(double min, double max) {
        return new Setting(key, defaultValue, description, new Range(min, max, false));
    }

    public static final List<Setting> ALL = List.of(
            new Setting("application.id", "unrest-detector", "Kafka Streams application id: instances with the same id share the work"),
            new Setting("topic.posts", "posts", "input topic of JSON posts"),
            new Setting("topic.alerts", "alerts", "output topic of JSON alerts, keyed by region code"),
            new Setting("topic.dlq", "posts.dlq", "dead-letter topic: rejected records, original bytes plus dlq.* headers"),
            new Setting("topic.alerts.state", "", "compacted topic of the latest version of each alert story, keyed by alert_id, for services (empty: topic.alerts + '.state')"),
            new Setting("topic.rules", "rules", "compacted topic of analysts' live rules (unrest.rule/v1, keyed by rule id; see the rules command); the detector writes those it accepts to topic.rules + '.accepted', which every instance reads whole"),
            new Setting("topic.terms.emerging", "", "compacted topic of terms suggested for the lexicon (unrest.term/v1, keyed by region and term; empty: topic.alerts + '.terms')"),
            new Setting("topic.partitions", "3", "partitions for topics the detector creates").atLeast(1),
            new Setting("topic.replication", "1", "replication factor for topics the detector creates").between(1, 32767),
            new Setting("topic.retention", "7d", "retention of the posts, alerts and dead-letter topics it creates (-1 = forever)"),
            new Setting("topic.create", "true", "create missing topics at startup; false = only check they exist"),
            new Setting("regions.file", "regions.csv", "region set (relative to the config directory)"),
            new Setting("gazetteer.file", "gazetteer/pk_places.csv", "GeoNames gazetteer of places"),
            new Setting("lexicon.file", "lexicon.csv", "keyword lexicon"),
            new Setting("geo.max.distance.km", "50.0", "a geo point resolves to the nearest place within this distance").atLeast(0),
            new Setting("post.max.record.bytes", "65536", "larger records go to the dead-letter topic").between(1024, 1048576),
            new Setting("post.max.text.chars", "10000", "longest accepted post text").atLeast(1),
            new Setting("post.max.field.chars", "512", "longest accepted value of any other string field").atLeast(1),
            new Setting("post.max.hashtags", "100", "most hashtags accepted in one post").atLeast(0),
            new Setting("post.max.future.skew", "5m", "posts dated further ahead of the wall clock go to the dead-letter topic (FUTURE_TIMESTAMP); at most 50m, as brokers refuse records over an hour ahead (log.message.timestamp.after.max.ms)").between(0, 3_000_000),
            new Setting("account.new.max.age", "30d", "an account younger than this at posting time counts as new").atLeast(0),
            new Setting("protest.categories", "mobilisation,incitement_violence,blasphemy_targeting", "lexicon categories that make a post protest-related"),
            new Setting("protest.min.weight", "1.0", "summed weight of matched protest terms that makes a post protest-related").above(0),
            new Setting("window.size", "5m", "tumbling event-time window per region and per account").atLeast(1000),
            new Setting("window.grace", "2m", "how late a post may arrive, behind its own posts partition, and still count").atLeast(0),
            new Setting("window.tick", "1s", "event-time step at which open windows are evaluated (alerts fire mid-window); divides window.size").atLeast(1),
            new Setting("watermark.max.jump", "1m", "a post further ahead of its partition's event-time progress moves it only when the next post confirms the jump (at most window.grace): one misdated post cannot make later posts late").atLeast(1),
            new Setting("watermark.idle.timeout", "30s", "wall-clock time after which a posts partition with no posts stops holding windows back (it rejoins when posts return)").atLeast(1),
            new Setting("partials.flush.interval", "200ms", "how often (wall clock) the posts stage sends partial aggregates to the region stage; 0 = at every tick").atLeast(0),
            new Setting("accounts.repartition", "false", "true re-keys posts by account before counting (for producers that cannot key posts by account id)"),
            new Setting("baseline.span.windows", "576", "memory of the baseline level, in windows").atLeast(1),
            new Setting("baseline.scale.span.windows", "2000", "memory of the residual scales, in windows").atLeast(1),
            new Setting("baseline.warmup.windows", "24", "closed windows learned before a region may alert").atLeast(0),
            new Setting("baseline.count.offset", "5.0", "added to counts before taking logs: damps the noise of near-empty windows").above(0),
            new Setting("baseline.min.expected", "1.0", "floor of the expected count in ratios").above(0),
            new Setting("baseline.clip.scales", "5.0", "residuals beyond this many scales are clipped before learning").above(0),
            new Setting("baseline.seasonal.min.days", "2", "days of history before hour-of-day offsets apply").atLeast(0),
            new Setting("detect.rule.name", "default", "name of the rule set, carried in alerts"),
            new Setting("detect.open.score", "8.0", "burst test: a window this many scales above expectation opens an alert, until the region's thresholds calibrate (detect.calibration.*)").above(0),
            new Setting("detect.sustained.window", "1h", "span of the sustained test (a whole number of windows)").atLeast(1000),
            new Setting("detect.sustained.score", "4.0", "sustained test: the span this many of its scales above expectation opens an alert, until the region's thresholds calibrate").above(0),
            new Setting("detect.open.score.min", "2.0", "least a region's calibrated burst threshold asks, in window scales (a quiet, regular region)").above(0),
            new Setting("detect.open.score.max", "60.0", "most a region's calibrated burst threshold asks, in window scales (a region whose bursts are routine)").above(0),
            new Setting("detect.open.margin", "1.2", "calibrated burst threshold: this many times the region's own detect.calibration.quantile of window residuals (log of observed over expected)").above(0),
            new Setting("detect.sustained.score.min", "4.0", "least a region's calibrated sustained threshold asks").above(0),
            new Setting("detect.sustained.score.max", "12.0", "most a region's calibrated sustained threshold asks").above(0),
            new Setting("detect.sustained.margin", "1.0", "calibrated sustained threshold: this many times the region's own quantile of sustained residuals").above(0),
            new Setting("detect.calibration.quantile", "0.999", "the quantile of a region's own recent residuals its thresholds follow").between(0.5, 0.99999),
            new Setting("detect.calibration.span", "14d", "memory of a region's residual distribution (exponentially decayed)").atLeast(60_000),
            new Setting("detect.calibration.warmup", "1d", "closed windows of its own before a region's thresholds calibrate; until then detect.open.score and detect.sustained.score apply").atLeast(0),
            new Setting("detect.young.after", "30m", "a region can open nothing before this much history; from then until baseline.warmup.windows its window test opens at detect.young.window.residual").atLeast(0),
            new Setting("detect.young.window.residual", "2.3", "before its warm-up, a region's window test opens at this log of observed over expected (about 10 times): a prior, the median of where the development corpus's real series' calibrated window tests open").above(0),
            new Setting("detect.close.score", "2.0", "a closed window scoring below this is calm").atLeast(0),
            new Setting("detect.min.ratio", "2.0", "a burst must also be at least this multiple of the expected count").atLeast(1),
            new Setting("detect.min.volume", "15", "fewest protest-related posts in a window (or the sustained span) that can alert").atLeast(1),
            new Setting("detect.min.distinct.accounts", "3", "fewest distinct accounts behind them").atLeast(1),
            new Setting("detect.calm.windows", "6", "consecutive calm closed windows that resolve an alert").atLeast(1),
            new Setting("detect.cooldown", "2h", "after RESOLVED, no new alert in the region for this long (event time)").atLeast(0),
            new Setting("detect.relearn.after", "24h", "an alert open this long lets the baseline learn again, at its clipped pace: a lasting shift becomes the new normal and its story resolves").atLeast(0),
            new Setting("detect.method", "fusion", "which tests open stories: counts (burst and sustained), novelty (a run bigger than the region's own record), fusion (a count test on a run that is not familiar, or a new run above expectation)"),
            new Setting("detect.novelty.memory", "14d", "how far back a region's records of runs (1 window, 15 min, the sustained span) reach, in whole days").atLeast(86_400_000L),
            new Setting("detect.novelty.lag", "2h", "a run joins the records this long after it ended, so a surge is not compared with its own start").atLeast(1000),
            new Setting("detect.novelty.warmup", "1d", "history of records before the novelty test judges; until then the count tests alone decide").atLeast(0),
            new Setting("detect.novelty.familiar", "0.75", "fusion: a run below this share of the region's record for its length is familiar, and a count test does not open on it").between(0.05, 1),
            new Setting("detect.novelty.open", "1.25", "a run this many times the region's record for its length is new: it opens (with the count floors, above expectation) in the novelty and fusion methods").above(1),
            new Setting("detect.idle.resolve.after", "5m", "wall-clock time without posts after which windows close and alerts resolve").atLeast(1000),
            new Setting("detect.unknown.region", "false", "whether posts with no resolvable region can raise alerts"),
            new Setting("hyperactive.posts.per.window", "8", "posts by one account in one window that make it hyperactive").atLeast(1),
            new Setting("burst.min.accounts", "3", "hyperactive accounts in a region window that raise ACCOUNT_BURST").atLeast(1),
            new Setting("coordinated.new.account.share", "0.3", "new-account share that, with a burst, makes a spike COORDINATED_ACTIVITY").between(0, 1),
            new Setting("coordination.enabled", "true", "copy-paste detection: near-identical protest posts from many accounts (the alert's coordination field); false saves its cost"),
            new Setting("coordination.similarity", "0.8", "how alike (Jaccard of character 5-grams, whole text) a copy must be to join a cluster").between(0.5, 1),
            new Setting("coordination.min.accounts", "5", "distinct accounts posting into one cluster within coordination.span that make it coordinated").atLeast(2),
            new Setting("coordination.span", "10m", "how far back a cluster's accounts count").atLeast(60_000),
            new Setting("coordination.escalate.share", "0.3", "share of a spiking window's protest posts in coordinated clusters that makes it COORDINATED_ACTIVITY").between(0, 1),
            new Setting("incitement.share", "0.4", "share of protest hits in incitement categories that makes an INCITEMENT_SURGE").between(0, 1),
            new Setting("incitement.categories", "incitement_violence,blasphemy_targeting", "categories that count as incitement"),
            new Setting("severity.ratios", "4,8,16", "observed/expected at which severity becomes MEDIUM, HIGH, CRITICAL"),
            new Setting("alerts.raw.account.ids", "false", "true puts raw account ids in alerts instead of keyed pseudonyms"),
            new Setting("alerts.pseudonym.key", "", "HMAC key for account pseudonyms (or env UNREST_PSEUDONYM_KEY); required unless raw ids are on"),
            new Setting("dlq.max.value.bytes", "262144", "a rejected record's value is copied to the dead-letter topic up to this size; larger ones are cut, with their size and SHA-256 in headers").between(0, 983040),
            new Setting("streams.max.thread.replacements", "3", "stream threads replaced after an unexpected error within an hour; one more failure stops the detector (run exits 1)").atLeast(0),
            new Setting("streams.max.not.running", "15m", "run exits 1 if Kafka Streams is not RUNNING (rebalancing, restoring state, threads dead) for longer than this").atLeast(10_000),
            new Setting("http.bind.address", "127.0.0.1", "address of the HTTP endpoint (0.0.0.0 to serve other hosts, e.g. a Prometheus in another container)"),
            new Setting("http.port", "9464", "port of the /metrics, /health and /ready endpoint (0 = any free port)").between(0, 65535),
            new Setting("http.advertised.address", "", "host:port at which the other instances reach this one's HTTP endpoint, to forward region queries (Kafka Streams' application.server); empty: http.bind.address and the port, or the host name when bound to 0.0.0.0. Set it when instances run on several hosts"),
            new Setting("http.auth.token", "", "bearer token the query API (/v1/...) asks for (empty: none); set it through the environment (UNREST_HTTP_AUTH_TOKEN), not in a file"),
            new Setting("state.store.type", "rocksdb", "rocksdb (persistent, the default) or in_memory (state rebuilt from changelogs on restart; for tests and benchmarks)"),
            new Setting("state.dir", "", "Kafka Streams state directory (default: java.io.tmpdir/kafka-streams)"));

    public static Map<String, Setting> byKey() {
        Map<String, Setting> map = new LinkedHashMap<>();
        ALL.forEach(s -> map.put(s.key(), s));
        return map;
    }
}
