package org.unrestwatch.rules;

import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.lexicon.Lexicon;

/**
 * Where detection rules and the lexicon come from: the one seam through which they are loaded.
 * Today a file ({@link FileRulesSource}); a compacted rules topic can implement the same.
 */
public interface RulesSource {
    DetectionRules rules();

    Lexicon lexicon();
}
