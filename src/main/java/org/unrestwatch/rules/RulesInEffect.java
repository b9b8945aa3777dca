package org.unrestwatch.rules;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.enrich.PostEnricher;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.LexiconEntry;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * One set of live rules in force together, and what they make of the configuration: the lexicon
 * posts are matched against, muted regions, each region's thresholds, and the version alerts
 * carry. The enricher and detectors are built on first use and shared by every stream thread.
 *
 * <p>Where rules meet: an added and a removed (or muted) term, the removal wins; two thresholds
 * for the same region and key, the later {@code effective_from} (then the larger id) wins.
 */
public final class RulesInEffect {
    /** The version of the configuration alone, with no live rule in force. */
    public static final String BASE = "base";

    private final RuleCompiler compiler;
    private final List<Rule> rules;
    private final String version;
    private final Set<String> mutedRegions = new HashSet<>();
    private final Map<String, Map<String, Double>> thresholds = new HashMap<>();
    private final Map<String, SpikeDetector> detectors = new ConcurrentHashMap<>();
    private final SpikeDetector baseDetector;
    private volatile PostEnricher enricher;

    RulesInEffect(RuleCompiler compiler, List<Rule> inForce, SpikeDetector baseDetector) {
        this.compiler = compiler;
        this.rules = inForce.stream().sorted(Comparator.comparing(Rule::id)).toList();
        this.version = versionOf(rules);
        this.baseDetector = baseDetector;
        inForce.stream().sorted(Comparator.comparingLong(Rule::effectiveFromMs).thenComparing(Rule::id)).forEach(r -> {
            if (r.mutesRegion()) {
                mutedRegions.add(r.region());
            } else if (r.kind() == Rule.Kind.SET_THRESHOLD) {
                thresholds.computeIfAbsent(r.region(), k -> new LinkedHashMap<>()).putAll(r.thresholds());
            }
        });
    }

    /**
     * "base", or the first 12 hex digits of the SHA-256 of the rules in force: the same rules, the
     * same version. What a rule does at an instant is all that counts: its {@code until} and the
     * {@code @vN} of a version kept as history are left out, so that alerts decided under a rule
     * keep their version in a replay made after the rule was replaced.
     */
    public static String versionOf(List<Rule> rules) {
        if (rules.isEmpty()) {
            return BASE;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> canonical = new ArrayList<>();
            for (Rule r : rules) {
                var tree = RuleJson.toTree(r);
                tree.remove("until");
                tree.put("id", r.id().replaceFirst("@v[0-9]+$", ""));
                canonical.add(tree.toString());
            }
            canonical.sort(null);
            for (String c : canonical) {
                sha.update(c.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String version() {
        return version;
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean muted(String region) {
        return mutedRegions.contains(region);
    }

    public SpikeDetector detector(String region) {
        Map<String, Double> overrides = thresholds.get(region);
        if (overrides == null) {
            return baseDetector;
        }
        return detectors.computeIfAbsent(region, r -> compiler.detector().apply(ThresholdOverrides.apply(compiler.baseRules(), overrides)));
    }

    /** The enricher for posts under these rules: the configuration's lexicon with terms added and removed. */
    public PostEnricher enricher() {
        PostEnricher e = enricher;
        if (e == null) {
            e = compiler.enricher().apply(lexicon());
            enricher = e;
        }
        return e;
    }

    Lexicon lexicon() {
        Lexicon base = compiler.baseLexicon();
        if (rules.stream().noneMatch(r -> r.kind() == Rule.Kind.ADD_TERM || r.removesTerm())) {
            return base;
        }
        TextNormaliser normaliser = TextNormaliser.basic();
        Map<String, LexiconEntry> entries = new LinkedHashMap<>();
        for (LexiconEntry e : base.entries()) {
            entries.put(e.normalised() + "\u0000" + e.category(), e);
        }
        for (Rule r : rules) {
            if (r.kind() == Rule.Kind.ADD_TERM) {
                String normalised = normaliser.normalise(r.term());
                entries.put(normalised + "\u0000" + r.category(),
                        new LexiconEntry(r.term(), normalised, r.category(), r.lang(), r.weight(), Set.copyOf(r.regions())));
            }
        }
        // A removal names a term and, optionally, one category: "term\0category", or "term\0" for all.
        Set<String> removed = new HashSet<>();
        for (Rule r : rules) {
            if (r.removesTerm()) {
                removed.add(normaliser.normalise(r.term()) + "\u0000" + (r.category() == null ? "" : r.category()));
            }
        }
        List<LexiconEntry> kept = new ArrayList<>();
        for (LexiconEntry e : entries.values()) {
            if (!removed.contains(e.normalised() + "\u0000") && !removed.contains(e.normalised() + "\u0000" + e.category())) {
                kept.add(e);
            }
        }
        return new Lexicon(kept, base.categories());
    }
}
