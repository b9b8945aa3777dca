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
public record Setting(String key, String defaultValue, String description) {
    public static final List<Setting> ALL = List.of(
            new Setting("application.id", "unrest-detector", "Kafka Streams application id: instances with the same id share the work"),
            new Setting("topic.posts", "posts", "input topic of JSON posts"),
            new Setting("topic.alerts", "alerts", "output topic of JSON alerts, keyed by region code"),
            new Setting("topic.dlq", "posts.dlq", "dead-letter topic: rejected records, original bytes plus dlq.* headers"),
            new Setting("topic.partitions", "3", "partitions for topics the detector creates"),
            new Setting("topic.replication", "1", "replication factor for topics the detector creates"),
            new Setting("topic.retention", "7d", "retention of the posts, alerts and dead-letter topics it creates (-1 = forever)"),
            new Setting("topic.create", "true", "create missing topics at startup; false = only check they exist"),
            new Setting("regions.file", "regions.csv", "region set (relative to the config directory)"),
            new Setting("gazetteer.file", "gazetteer/pk_places.csv", "GeoNames gazetteer of places"),
            new Setting("lexicon.file", "lexicon.csv", "keyword lexicon"),
            new Setting("geo.max.distance.km", "50.0", "a geo point resolves to the nearest place within this distance"),
            new Setting("post.max.record.bytes", "65536", "larger records go to the dead-letter topic"),
            new Setting("post.max.text.chars", "10000", "longest accepted post text"),
            new Setting("post.max.field.chars", "512", "longest accepted value of any other string field"),
            new Setting("post.max.hashtags", "100", "most hashtags accepted in one post"),
            new Setting("post.max.future.skew", "5m", "posts dated further ahead of the wall clock go to the dead-letter topic (FUTURE_TIMESTAMP)"),
            new Setting("account.new.max.age", "30d", "an account younger than this at posting time counts as new"),
            new Setting("protest.categories", "mobilisation,incitement_violence,blasphemy_targeting", "lexicon categories that make a post protest-related"),
            new Setting("protest.min.weight", "1.0", "summed weight of matched protest terms that makes a post protest-related"),
            new Setting("window.size", "5m", "tumbling event-time window per region and per account"),
            new Setting("window.grace", "2m", "how late a post may arrive, behind its own posts partition, and still count"),
            new Setting("window.tick", "1s", "event-time step at which open windows are evaluated (alerts fire mid-window); divides window.size"),
            new Setting("watermark.max.jump", "1m", "a post further ahead of its partition's event-time progress moves it only when the next post confirms the jump (at most window.grace): one misdated post cannot make later posts late"),
            new Setting("watermark.idle.timeout", "30s", "wall-clock time after which a posts partition with no posts stops holding windows back (it rejoins when posts return)"),
            new Setting("partials.flush.interval", "200ms", "how often (wall clock) the posts stage sends partial aggregates to the region stage; 0 = at every tick"),
            new Setting("accounts.repartition", "false", "true re-keys posts by account before counting (for producers that cannot key posts by account id)"),
            new Setting("baseline.span.windows", "576", "memory of the baseline level, in windows"),
            new Setting("baseline.scale.span.windows", "2000", "memory of the residual scales, in windows"),
            new Setting("baseline.warmup.windows", "24", "closed windows learned before a region may alert"),
            new Setting("baseline.count.offset", "5.0", "added to counts before taking logs: damps the noise of near-empty windows"),
            new Setting("baseline.min.expected", "1.0", "floor of the expected count in ratios"),
            new Setting("baseline.clip.scales", "5.0", "residuals beyond this many scales are clipped before learning"),
            new Setting("baseline.seasonal.min.days", "2", "days of history before hour-of-day offsets apply"),
            new Setting("detect.rule.name", "default", "name of the rule set, carried in alerts"),
            new Setting("detect.open.score", "8.0", "burst test: a window this many scales above expectation opens an alert"),
            new Setting("detect.sustained.window", "1h", "span of the sustained test (a whole number of windows)"),
            new Setting("detect.sustained.score", "4.0", "sustained test: the span this many of its scales above expectation opens an alert"),
            new Setting("detect.close.score", "2.0", "a closed window scoring below this is calm"),
            new Setting("detect.min.ratio", "2.0", "a burst must also be at least this multiple of the expected count"),
            new Setting("detect.min.volume", "15", "fewest protest-related posts in a window (or the sustained span) that can alert"),
            new Setting("detect.min.distinct.accounts", "5", "fewest distinct accounts behind them"),
            new Setting("detect.calm.windows", "6", "consecutive calm closed windows that resolve an alert"),
            new Setting("detect.cooldown", "2h", "after RESOLVED, no new alert in the region for this long (event time)"),
            new Setting("detect.idle.resolve.after", "5m", "wall-clock time without posts after which windows close and alerts resolve"),
            new Setting("detect.unknown.region", "false", "whether posts with no resolvable region can raise alerts"),
            new Setting("hyperactive.posts.per.window", "8", "posts by one account in one window that make it hyperactive"),
            new Setting("burst.min.accounts", "3", "hyperactive accounts in a region window that raise ACCOUNT_BURST"),
            new Setting("coordinated.new.account.share", "0.3", "new-account share that, with a burst, makes a spike COORDINATED_ACTIVITY"),
            new Setting("incitement.share", "0.4", "share of protest hits in incitement categories that makes an INCITEMENT_SURGE"),
            new Setting("incitement.categories", "incitement_violence,blasphemy_targeting", "categories that count as incitement"),
            new Setting("severity.ratios", "4,8,16", "observed/expected at which severity becomes MEDIUM, HIGH, CRITICAL"),
            new Setting("alerts.raw.account.ids", "false", "true puts raw account ids in alerts instead of keyed pseudonyms"),
            new Setting("alerts.pseudonym.key", "", "HMAC key for account pseudonyms (or env UNREST_PSEUDONYM_KEY); required unless raw ids are on"),
            new Setting("http.port", "9464", "port of the /metrics, /health and /ready endpoint (0 = any free port)"),
            new Setting("state.store.type", "rocksdb", "rocksdb (persistent, the default) or in_memory (state rebuilt from changelogs on restart; for tests and benchmarks)"),
            new Setting("state.dir", "", "Kafka Streams state directory (default: java.io.tmpdir/kafka-streams)"));

    public static Map<String, Setting> byKey() {
        Map<String, Setting> map = new LinkedHashMap<>();
        ALL.forEach(s -> map.put(s.key(), s));
        return map;
    }
}
