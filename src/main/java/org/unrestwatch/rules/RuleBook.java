package org.unrestwatch.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.unrestwatch.detect.RulesInForce;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.enrich.PostEnricher;

/**
 * The live rules of one detector instance: written by the global rules store (every instance
 * reads the whole rules topic), read by every stream thread for each post and window. Readers
 * see an immutable {@link RuleSet} through a volatile field, so the per-post cost is a binary
 * search; a rule arriving builds a new set, reusing what the same rules in force built before.
 */
public final class RuleBook implements RulesInForce {
    /** Compiled effects by version: an arriving rule rarely changes what was in force before it. */
    private static final int MAX_CACHED_EFFECTS = 64;

    private final RuleCompiler compiler;
    private final SpikeDetector baseDetector;
    private final Map<String, Rule> byId = new TreeMap<>();
    private final Map<String, RulesInEffect> effects = new ConcurrentHashMap<>();
    private volatile RuleSet current;
    private String lastSaid;

    public RuleBook(RuleCompiler compiler) {
        this.compiler = compiler;
        this.baseDetector = compiler.detector().apply(compiler.baseRules());
        this.current = RuleSet.of(Map.of(), this::effectOf);
    }

    private RulesInEffect effectOf(List<Rule> inForce) {
        String version = RulesInEffect.versionOf(inForce.stream().sorted(Comparator.comparing(Rule::id)).toList());
        if (effects.size() > MAX_CACHED_EFFECTS) {
            effects.clear();
        }
        return effects.computeIfAbsent(version, v -> new RulesInEffect(compiler, inForce, baseDetector));
    }

    /** A rule accepted or changed (same id). */
    public synchronized void put(Rule rule) {
        byId.put(rule.id(), rule);
        current = RuleSet.of(byId, this::effectOf);
    }

    /** The rule with this id, or null. */
    public synchronized Rule get(String id) {
        return byId.get(id);
    }

    /** A rule deleted (tombstone); false when there was none with this id. */
    public synchronized boolean remove(String id) {
        if (byId.remove(id) == null) {
            return false;
        }
        current = RuleSet.of(byId, this::effectOf);
        return true;
    }

    /** Every accepted rule, in id order, whether in force now or not (expired, or not yet effective). */
    public List<Rule> rules() {
        return current.rules().stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    public RulesInEffect at(long eventTimeMs) {
        return current.at(eventTimeMs);
    }

    /** The enricher for a post at this event time. */
    public PostEnricher enricherAt(long eventTimeMs) {
        return current.at(eventTimeMs).enricher();
    }

    @Override
    public SpikeDetector detector(String region, long windowEndMs) {
        return current.at(windowEndMs).detector(region);
    }

    @Override
    public boolean muted(String region, long windowEndMs) {
        return current.at(windowEndMs).muted(region);
    }

    @Override
    public String version(long windowEndMs) {
        return current.at(windowEndMs).version();
    }

    /** For logs said by whoever loads the book: true unless the same line was the last one said. */
    public synchronized boolean firstTimeSaid(String line) {
        boolean first = !line.equals(lastSaid);
        lastSaid = line;
        return first;
    }
}
