package org.unrestwatch.coordination;

import org.unrestwatch.config.DetectorConfig;

/**
 * Copy-paste detection's settings (the {@code coordination.*} keys).
 *
 * @param enabled       off: no prints in the posts stage, no clusters, no {@code coordination} field, no emerging terms
 * @param similarity    estimated Jaccard similarity of two texts' 5-gram shingles for a copy to join a cluster
 * @param minAccounts   distinct accounts within the span that make a cluster coordinated
 * @param spanMs        how far back a cluster's accounts count
 * @param knownTerms    the lexicon's terms and the gazetteer's place names, normalised: never suggested as emerging
 *                      terms, nor any term made of their words only (a city is where, not what)
 */
public record CoordinationSettings(boolean enabled, double similarity, int minAccounts, long spanMs, java.util.Set<String> knownTerms) {

    public static CoordinationSettings from(DetectorConfig config, org.unrestwatch.lexicon.Lexicon lexicon, java.util.Set<String> places) {
        java.util.Set<String> terms = new java.util.HashSet<>(places);
        lexicon.entries().forEach(e -> terms.add(e.normalised()));
        return new CoordinationSettings(config.getBoolean("coordination.enabled"), config.getDouble("coordination.similarity"),
                config.getInt("coordination.min.accounts"), config.getDuration("coordination.span").toMillis(), java.util.Set.copyOf(terms));
    }

    public RegionTerms newTerms() {
        return new RegionTerms(knownTerms);
    }

    public CopyPasteClusters newClusters() {
        return new CopyPasteClusters(similarity, minAccounts, spanMs, RegionCoordination.CLUSTERS_PER_REGION);
    }
}
