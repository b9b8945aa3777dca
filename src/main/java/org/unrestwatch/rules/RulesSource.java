package org.unrestwatch.rules;

import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.lexicon.Lexicon;

/**
 * Where the configuration's detection rules and lexicon come from (today {@link FileRulesSource}).
 * Analysts' live rules apply on top of them, by event time, through the {@link RuleBook}.
 */
public interface RulesSource {
    DetectionRules rules();

    Lexicon lexicon();
}
