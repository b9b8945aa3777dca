package org.unrestwatch.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every accepted live rule, laid out on event time: the times where one starts or ends cut it
 * into intervals, each with the rules in force throughout it. Immutable; a new rule makes a new
 * set. Looking up an event time is a binary search.
 */
final class RuleSet {
    private final List<Rule> rules;
    /** Sorted: the first instant of each interval after the first. */
    private final long[] boundaries;
    /** One more than boundaries: effects[i] holds before boundaries[i], effects[n] after the last. */
    private final RulesInEffect[] effects;

    /** {@code effectOf}: builds (or finds, when the same rules were in force before) the effect of rules in force together. */
    RuleSet(Collection<Rule> rules, Function<List<Rule>, RulesInEffect> effectOf) {
        this.rules = List.copyOf(rules);
        TreeSet<Long> cuts = new TreeSet<>();
        for (Rule r : rules) {
            cuts.add(r.effectiveFromMs());
            if (r.untilMs() != Rule.FOREVER) {
                cuts.add(r.untilMs());
            }
        }
        boundaries = cuts.stream().mapToLong(Long::longValue).toArray();
        effects = new RulesInEffect[boundaries.length + 1];
        for (int i = 0; i <= boundaries.length; i++) {
            long t = i == 0 ? Long.MIN_VALUE : boundaries[i - 1];
            List<Rule> inForce = new ArrayList<>();
            for (Rule r : rules) {
                if (r.inForceAt(t)) {
                    inForce.add(r);
                }
            }
            effects[i] = effectOf.apply(inForce);
        }
    }

    static RuleSet of(Map<String, Rule> byId, Function<List<Rule>, RulesInEffect> effectOf) {
        return new RuleSet(byId.values(), effectOf);
    }

    RulesInEffect at(long eventTimeMs) {
        int i = Arrays.binarySearch(boundaries, eventTimeMs);
        return effects[i >= 0 ? i + 1 : -i - 1];
    }

    List<Rule> rules() {
        return rules;
    }
}
