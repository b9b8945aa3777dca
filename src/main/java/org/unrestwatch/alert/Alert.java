package org.unrestwatch.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The alert contract, {@value #SCHEMA} (JSON Schema: {@code schema/alert-v1.schema.json}).
 * Downstream services depend on these names: add fields, never rename or remove them.
 */
@JsonPropertyOrder({"schema", "alert_id", "version", "type", "status", "severity", "region", "window", "observed",
    "expected", "score", "ratio", "posts", "distinct_accounts", "new_account_share", "hyperactive_accounts",
    "category_hits", "top_keywords", "top_accounts", "sample_post_ids", "opened_at", "detected_at",
    "summary", "rule", "evidence_through", "tipped_at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(
        @JsonProperty("schema") String schema,
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("type") AlertType type,
        @JsonProperty("status") AlertStatus status,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("region") RegionRef region,
        @JsonProperty("window") Window window,
        @JsonProperty("observed") long observed,
        @JsonProperty("expected") double expected,
        @JsonProperty("score") double score,
        @JsonProperty("ratio") double ratio,
        @JsonProperty("posts") long posts,
        @JsonProperty("distinct_accounts") long distinctAccounts,
        @JsonProperty("new_account_share") double newAccountShare,
        @JsonProperty("hyperactive_accounts") long hyperactiveAccounts,
        @JsonProperty("category_hits") Map<String, Integer> categoryHits,
        @JsonProperty("top_keywords") List<KeywordCount> topKeywords,
        @JsonProperty("top_accounts") List<AccountCount> topAccounts,
        @JsonProperty("sample_post_ids") List<String> samplePostIds,
        @JsonProperty("opened_at") String openedAt,
        @JsonProperty("detected_at") String detectedAt,
        @JsonProperty("summary") String summary,
        @JsonProperty("rule") Rule rule,
        @JsonProperty("evidence_through") @JsonInclude(JsonInclude.Include.NON_NULL) String evidenceThrough,
        @JsonProperty("tipped_at") @JsonInclude(JsonInclude.Include.NON_NULL) String tippedAt,
        @JsonProperty("trigger") @JsonInclude(JsonInclude.Include.NON_NULL) Trigger trigger,
        @JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_NULL) Integer version,
        @JsonProperty("rules_version") @JsonInclude(JsonInclude.Include.NON_NULL) String rulesVersion,
        @JsonProperty("protest_accounts") @JsonInclude(JsonInclude.Include.NON_NULL) Long protestAccounts,
        @JsonProperty("coordination") @JsonInclude(JsonInclude.Include.NON_NULL) Coordination coordination,
        @JsonProperty("incitement_share") @JsonInclude(JsonInclude.Include.NON_NULL) Double incitementShare) {

    public static final String SCHEMA = "unrest.alert/v1";

    /**
     * Which test fired and its own numbers, so that an alert explains itself: a sustained rise
     * reports the span's count (not the window's, which may be below min_volume), an account burst
     * the hyperactive accounts. {@code threshold} is what that test had to reach in this region;
     * {@code regionTail} the region's own tail quantile of that test's recent scores it was
     * calibrated from (absent while the region was too new, and for account bursts). Absent on
     * RESOLVED alerts and on alerts written before it existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trigger(
            @JsonProperty("test") String test,
            @JsonProperty("span_minutes") long spanMinutes,
            @JsonProperty("observed") long observed,
            @JsonProperty("expected") Double expected,
            @JsonProperty("score") Double score,
            @JsonProperty("threshold") double threshold,
            @JsonProperty("region_tail") Double regionTail) {
        public static final String WINDOW_BURST = "window_burst";
        public static final String SUSTAINED_RISE = "sustained_rise";
        public static final String ACCOUNT_BURST = "account_burst";
        /** A run bigger than the region's record for its length (span_minutes): expected is that record, score the ratio. */
        public static final String NOVEL_RUN = "novel_run";
    }

    /**
     * Copy-paste in the window: {@code posts} of its protest posts (the window's {@code share} of
     * them) belong to {@code clusters} coordinated clusters, near-identical texts (over the whole
     * text, so a shared hashtag alone never makes one) from at least coordination.min.accounts
     * accounts within coordination.span. Absent when the window has none, or coordination is off.
     */
    public record Coordination(
            @JsonProperty("posts") long posts,
            @JsonProperty("share") double share,
            @JsonProperty("clusters") int clusters,
            @JsonProperty("largest") CopyCluster largest) {
    }

    /**
     * The coordinated cluster with the most accounts: its posts in this window, its accounts within
     * the span (the first ten named, pseudonymised), their new-account share, how alike its least
     * similar copy was ({@code similarity}, 1.0 for identical texts), its first post's text as
     * compared (mentions, links dropped; hashtags sorted; normalised; cut to 120 characters), and when
     * that first post was.
     */
    public record CopyCluster(
            @JsonProperty("posts") long posts,
            @JsonProperty("accounts") int accounts,
            @JsonProperty("new_account_share") double newAccountShare,
            @JsonProperty("similarity") double similarity,
            @JsonProperty("text") String text,
            @JsonProperty("first_seen") String firstSeen,
            @JsonProperty("accounts_sample") List<String> accountsSample) {
    }

    public record RegionRef(@JsonProperty("code") String code, @JsonProperty("name") String name) {
    }

    public record Window(@JsonProperty("start") String start, @JsonProperty("end") String end) {
    }

    public record KeywordCount(@JsonProperty("term") String term, @JsonProperty("count") long count) {
    }

    /** {@code account} is a keyed pseudonym unless the operator turned raw ids on. */
    public record AccountCount(@JsonProperty("account") String account, @JsonProperty("posts") long posts) {
    }

    public record Rule(
            @JsonProperty("name") String name,
            @JsonProperty("test") String test,
            @JsonProperty("open_score") double openScore,
            @JsonProperty("close_score") double closeScore,
            @JsonProperty("min_ratio") double minRatio,
            @JsonProperty("min_volume") long minVolume,
            @JsonProperty("min_distinct_accounts") long minDistinctAccounts,
            @JsonProperty("window_seconds") long windowSeconds) {
    }
}
