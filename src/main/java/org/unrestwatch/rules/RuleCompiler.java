package org.unrestwatch.rules;

import java.util.function.Function;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.enrich.PostEnricher;
import org.unrestwatch.lexicon.Lexicon;

/**
 * What live rules apply on top of: the configuration's lexicon and detection rules, and how to
 * build the enricher and detector from a lexicon and rules that a live rule changed.
 */
public record RuleCompiler(Lexicon baseLexicon, DetectionRules baseRules, Function<Lexicon, PostEnricher> enricher,
                           Function<DetectionRules, SpikeDetector> detector) {
}
