package org.unrestwatch.rules;

import java.util.List;
import java.util.Map;

/**
 * One analyst rule ({@code unrest.rule/v1}), applied on top of the configuration files while the
 * event time of what it judges lies in [{@code effectiveFromMs}, {@code untilMs}). Which fields a
 * rule uses depends on its {@link Kind}; {@link RuleValidator} checks them.
 *
 * @param regions    add_term: the term counts only in these regions (empty: everywhere)
 * @param region     mute (of a region) and set_threshold: the region
 * @param thresholds set_threshold: setting key to value, keys and ranges in {@link ThresholdOverrides}
 * @param untilMs    {@link #FOREVER} when the rule does not expire (required for mute)
 */
public record Rule(String id, Kind kind, String term, String category, String lang, double weight, List<String> regions,
                   String region, Map<String, Double> thresholds, long effectiveFromMs, long untilMs,
                   String author, String comment, long createdAtMs, int version) {
    public static final String SCHEMA = "unrest.rule/v1";
    public static final long FOREVER = Long.MAX_VALUE;

    public enum Kind {
        /** Count a new term in a lexicon category (optionally only in some regions). */
        ADD_TERM,
        /** Stop counting a term (of one category, or all). */
        REMOVE_TERM,
        /** Until a time: a region opens and escalates no story, or a term is not counted. */
        MUTE,
        /** Override some of a region's detection thresholds within documented ranges. */
        SET_THRESHOLD;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Rule {
        regions = regions == null ? List.of() : List.copyOf(regions);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /**
     * This version kept as history under its own id ({@code id@vN}), ending where its successor
     * begins: a replay then judges the past under the rules that were in force, not the latest.
     */
    public Rule archivedUntil(long endMs) {
        return new Rule(id + "@v" + version, kind, term, category, lang, weight, regions, region, thresholds, effectiveFromMs,
                Math.min(untilMs, endMs), author, comment, createdAtMs, version);
    }

    /** "in-force", "pending" (not yet effective) or "expired" at {@code t}, as rules list and GET /v1/rules say it. */
    public String stateAt(long t) {
        return inForceAt(t) ? "in-force" : t < effectiveFromMs ? "pending" : "expired";
    }

    /** Whether the rule is in force at event time {@code t}. */
    public boolean inForceAt(long t) {
        return t >= effectiveFromMs && t < untilMs;
    }

    /** A muted term and a removed term both stop it being counted. */
    boolean removesTerm() {
        return kind == Kind.REMOVE_TERM || (kind == Kind.MUTE && term != null);
    }

    boolean mutesRegion() {
        return kind == Kind.MUTE && region != null;
    }

    /** A rule that judges region windows (a mute of a region, thresholds), not posts one by one. */
    public boolean aboutWindows() {
        return mutesRegion() || kind == Kind.SET_THRESHOLD;
    }

    private String thresholdsText() {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(thresholds).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=')
                .append(v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString()));
        return sb.toString();
    }

    /** One line for logs and {@code rules list}. */
    public String describe() {
        String what = switch (kind) {
            case ADD_TERM -> "add term '" + term + "' (" + category + ", " + lang + ", weight " + weight + ")"
                    + (regions.isEmpty() ? "" : " in " + String.join(", ", regions));
            case REMOVE_TERM -> "remove term '" + term + "'" + (category == null ? "" : " from " + category);
            case MUTE -> "mute " + (region != null ? "region " + region : "term '" + term + "'");
            case SET_THRESHOLD -> "thresholds of " + region + ": " + thresholdsText();
        };
        return what + ", from " + java.time.Instant.ofEpochMilli(effectiveFromMs)
                + (untilMs == FOREVER ? "" : " until " + java.time.Instant.ofEpochMilli(untilMs));
    }
}
