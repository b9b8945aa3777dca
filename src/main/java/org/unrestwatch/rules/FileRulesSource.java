package org.unrestwatch.rules;

import java.util.Set;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.detect.BaselineSettings;
import org.unrestwatch.detect.Calibration;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.Novelty;
import org.unrestwatch.lexicon.Lexicon;

/** Rules from {@code detector.properties} and the lexicon from its CSV file. */
public final class FileRulesSource implements RulesSource {
    /** How fast hour-of-day offsets follow a changing daily pattern; not worth a setting. */
    private static final double SEASONAL_ALPHA_PER_DAY = 0.05;

    private final DetectionRules rules;
    private final Lexicon lexicon;

    public FileRulesSource(DetectorConfig c) {
        this.lexicon = Lexicon.load(c.file("lexicon.file"));
        this.rules = rulesFrom(c);
        for (String category : c.getSet("protest.categories")) {
            if (!lexicon.categories().contains(category)) {
                throw ConfigException.atKey(c.source("protest.categories"), "protest.categories",
                        "category '" + category + "' does not occur in " + c.file("lexicon.file"));
            }
        }
    }

    public static DetectionRules rulesFrom(DetectorConfig c) {
        var window = positive(c, "window.size");
        var sustained = positive(c, "detect.sustained.window");
        if (sustained.toMillis() % window.toMillis() != 0) {
            throw ConfigException.atKey(c.source("detect.sustained.window"), "detect.sustained.window",
                    "must be a whole number of windows (window.size is " + c.get("window.size") + ")");
        }
        var baseline = new BaselineSettings(window, c.getInt("baseline.span.windows"), c.getInt("baseline.scale.span.windows"),
                c.getInt("baseline.warmup.windows"), positiveNumber(c, "baseline.count.offset"), c.getDouble("baseline.min.expected"),
                positiveNumber(c, "baseline.clip.scales"), c.getInt("baseline.seasonal.min.days"), SEASONAL_ALPHA_PER_DAY,
                (int) (sustained.toMillis() / window.toMillis()));
        var tick = positive(c, "window.tick");
        if (window.toMillis() % tick.toMillis() != 0) {
            throw ConfigException.atKey(c.source("window.tick"), "window.tick",
                    "must divide window.size (" + c.get("window.size") + ") into whole ticks");
        }
        var windows = org.unrestwatch.stats.EventWindows.of(window, c.getDuration("window.grace"), tick);
        double[] severity = c.getDoubles("severity.ratios");
        if (severity.length != 3) {
            throw ConfigException.atKey(c.source("severity.ratios"), "severity.ratios", "needs three ratios (MEDIUM, HIGH, CRITICAL)");
        }
        return new DetectionRules(c.get("detect.rule.name"), windows, baseline,
                positiveNumber(c, "detect.open.score"), positiveNumber(c, "detect.sustained.score"), calibration(c, window),
                c.getDouble("detect.close.score"), c.getDouble("detect.min.ratio"),
                c.getLong("detect.min.volume"), c.getLong("detect.min.distinct.accounts"), c.getInt("detect.calm.windows"),
                c.getDuration("detect.cooldown"), c.getDuration("detect.relearn.after"), c.getLong("hyperactive.posts.per.window"), c.getLong("burst.min.accounts"),
                c.getDouble("coordinated.new.account.share"), c.getDouble("coordination.escalate.share"), c.getDouble("incitement.share"),
                Set.copyOf(c.getSet("incitement.categories")), severity, c.getBoolean("detect.unknown.region"),
                positive(c, "detect.idle.resolve.after"), novelty(c, window, baseline.sustainedWindows()));
    }

    /** Spans of one window, a quarter hour and the sustained span; memory and lag in whole windows and days. */
    private static Novelty novelty(DetectorConfig c, java.time.Duration window, int sustainedWindows) {
        long windowMs = window.toMillis();
        int perDay = (int) Math.max(1, 86_400_000L / windowMs);
        int[] spans = java.util.stream.IntStream.of(1, (int) Math.max(1, 900_000L / windowMs), sustainedWindows)
                .distinct().sorted().toArray();
        int memoryDays = (int) Math.max(1, c.getDuration("detect.novelty.memory").toDays());
        int lag = (int) Math.max(1, c.getDuration("detect.novelty.lag").toMillis() / windowMs);
        int warmup = (int) (c.getDuration("detect.novelty.warmup").toMillis() / windowMs);
        double familiar = positiveNumber(c, "detect.novelty.familiar");
        double open = positiveNumber(c, "detect.novelty.open");
        Novelty.Method method;
        try {
            method = Novelty.Method.valueOf(c.get("detect.method").trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigException.atKey(c.source("detect.method"), "detect.method",
                    "must be counts, novelty or fusion, not '" + c.get("detect.method") + "'");
        }
        int longest = spans[spans.length - 1];
        if (lag < longest - 1) {
            throw ConfigException.atKey(c.source("detect.novelty.lag"), "detect.novelty.lag", "must be at least the sustained span less one window ("
                    + (longest - 1) * windowMs / 60_000 + " min), or a surge is compared with its own start");
        }
        return new Novelty(method, spans, memoryDays, perDay, lag, warmup, Math.log(familiar), Math.log(open));
    }

    private static Calibration calibration(DetectorConfig c, java.time.Duration window) {
        long windowMs = window.toMillis();
        long span = positive(c, "detect.calibration.span").toMillis() / windowMs;
        if (span < 2) {
            throw ConfigException.atKey(c.source("detect.calibration.span"), "detect.calibration.span",
                    "must span at least two windows (window.size is " + c.get("window.size") + ")");
        }
        long warmup = c.getDuration("detect.calibration.warmup").toMillis() / windowMs;
        return new Calibration(c.getDouble("detect.calibration.quantile"), (int) Math.min(span, Integer.MAX_VALUE),
                (int) Math.min(warmup, Integer.MAX_VALUE), band(c, "detect.open"), band(c, "detect.sustained"), new Calibration.Young(
                (int) (c.getDuration("detect.young.after").toMillis() / windowMs), positiveNumber(c, "detect.young.window.residual")));
    }

    /** {@code prefix}.margin, .score.min and .score.max; min must not exceed max (both named, with where each was set). */
    private static Calibration.Band band(DetectorConfig c, String prefix) {
        String minKey = prefix + ".score.min";
        String maxKey = prefix + ".score.max";
        double min = positiveNumber(c, minKey);
        double max = positiveNumber(c, maxKey);
        if (min > max) {
            throw new ConfigException(minKey + " (" + c.get(minKey) + ", from " + c.source(minKey) + ") must not exceed "
                    + maxKey + " (" + c.get(maxKey) + ", from " + c.source(maxKey) + ")");
        }
        return new Calibration.Band(positiveNumber(c, prefix + ".margin"), min, max);
    }

    /** Logs of counts need a positive offset, and scores are divided by the opening thresholds. */
    private static double positiveNumber(DetectorConfig c, String key) {
        double v = c.getDouble(key);
        if (!(v > 0)) {
            throw ConfigException.atKey(c.source(key), key, "must be positive, not " + c.get(key));
        }
        return v;
    }

    private static java.time.Duration positive(DetectorConfig c, String key) {
        var d = c.getDuration(key);
        if (d.isZero() || d.isNegative()) {
            throw ConfigException.atKey(c.source(key), key, "must be positive");
        }
        return d;
    }

    @Override
    public DetectionRules rules() {
        return rules;
    }

    @Override
    public Lexicon lexicon() {
        return lexicon;
    }
}
