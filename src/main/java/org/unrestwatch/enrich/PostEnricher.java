package org.unrestwatch.enrich;

import org.unrestwatch.coordination.CampaignText;
import org.unrestwatch.coordination.CopyPrint;
import java.time.Duration;
import java.util.Set;
import org.unrestwatch.lexicon.KeywordHits;
import org.unrestwatch.lexicon.KeywordMatcher;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.TextNormaliser;
import org.unrestwatch.post.Post;
import org.unrestwatch.region.RegionResolver;

/**
 * Adds region and keyword evidence to a valid post. A post is protest-related when its matched
 * terms in the protest categories weigh at least {@code minProtestWeight}: a single weak word
 * ("strike") does not make a post protest-related, a phrase ("shutter down hartal") does.
 */
public final class PostEnricher {
    private final RegionResolver regions;
    private final TextNormaliser normaliser;
    private final KeywordMatcher matcher;
    private final boolean[] protestCategory;
    private final double minProtestWeight;
    private final long newAccountAgeMs;
    /** Prints protest posts for copy-paste detection; null with coordination off. */
    private final CampaignText campaignText;

    public PostEnricher(RegionResolver regions, TextNormaliser normaliser, KeywordMatcher matcher,
                        Set<String> protestCategories, double minProtestWeight, Duration newAccountAge) {
        this(regions, normaliser, matcher, protestCategories, minProtestWeight, newAccountAge, false);
    }

    /** {@code printCopies}: give protest posts a {@link CopyPrint} (coordination on). */
    public PostEnricher(RegionResolver regions, TextNormaliser normaliser, KeywordMatcher matcher,
                        Set<String> protestCategories, double minProtestWeight, Duration newAccountAge, boolean printCopies) {
        this.campaignText = printCopies ? new CampaignText(normaliser) : null;
        this.regions = regions;
        this.normaliser = normaliser;
        this.matcher = matcher;
        Lexicon lexicon = matcher.lexicon();
        this.protestCategory = new boolean[lexicon.categories().size()];
        for (int i = 0; i < protestCategory.length; i++) {
            protestCategory[i] = protestCategories.contains(lexicon.categories().get(i));
        }
        this.minProtestWeight = minProtestWeight;
        this.newAccountAgeMs = newAccountAge.toMillis();
    }

    public EnrichedPost enrich(Post post, long ingestTimeMs) {
        RegionResolver.Result where = regions.resolve(post.region(), post.geoLat(), post.geoLon(), post.place());
        KeywordHits hits = matcher.match(normaliser.normalise(textOf(post)), where.region().code());
        double protestWeight = protestWeight(hits);
        boolean isNew = post.accountCreatedAtMs() != Post.NO_TIME
                && post.createdAtMs() - post.accountCreatedAtMs() < newAccountAgeMs;
        boolean protest = protestWeight >= minProtestWeight;
        // Only protest posts: copy-paste detection costs a signature a post, and the campaigns it is for call to protest.
        CopyPrint copy = protest && campaignText != null ? CopyPrint.of(campaignText.of(textOf(post)), true) : null;
        return new EnrichedPost(post.id(), post.createdAtMs(), ingestTimeMs, post.accountId(), isNew,
                where.region().code(), where.how(), hits.categoryCounts(), protestWeight, protest, hits.terms(), copy);
    }

    /** The text plus hashtags given as a separate field, which the normaliser splits like inline ones. */
    private static String textOf(Post post) {
        if (post.hashtags().isEmpty()) {
            return post.text();
        }
        StringBuilder sb = new StringBuilder(post.text());
        for (String tag : post.hashtags()) {
            sb.append(" #").append(tag.startsWith("#") ? tag.substring(1) : tag);
        }
        return sb.toString();
    }

    private double protestWeight(KeywordHits hits) {
        double w = 0;
        for (int c = 0; c < protestCategory.length; c++) {
            if (protestCategory[c]) {
                w += hits.categoryWeights()[c];
            }
        }
        return w;
    }
}
