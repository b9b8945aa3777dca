package org.unrestwatch.streams;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;
import org.unrestwatch.coordination.CoordinationSettings;
import org.unrestwatch.detect.AlertFactory;
import org.unrestwatch.alert.Pseudonymiser;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.PseudonymKey;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.rules.RuleBook;
import org.unrestwatch.rules.RuleCompiler;
import org.unrestwatch.rules.RuleValidator;
import org.unrestwatch.rules.RulesSource;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.enrich.PostEnricher;
import org.unrestwatch.lexicon.HashtagSplitter;
import org.unrestwatch.lexicon.KeywordMatcher;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.TextNormaliser;
import org.unrestwatch.metrics.DetectorMetrics;
import org.unrestwatch.post.PostLimits;
import org.unrestwatch.post.PostParser;
import org.unrestwatch.region.Gazetteer;
import org.unrestwatch.region.RegionCatalog;
import org.unrestwatch.region.RegionResolver;

/**
 * The composition root: every stage of the data path built from configuration, once. Loading
 * fails fast with a {@link ConfigException} that names the file, line or key.
 */
public record DetectorParts(
        Topics topics,
        DetectionRules rules,
        Lexicon lexicon,
        RegionCatalog regions,
        PostParser parser,
        PostEnricher enricher,
        SpikeDetector detector,
        AlertFactory alerts,
        DetectorMetrics metrics,
        DataPathSettings dataPath,
        boolean inMemoryStores,
        RuleBook ruleBook,
        RuleValidator ruleValidator,
        CoordinationSettings coordination) {

    private static boolean inMemoryStores(DetectorConfig config) {
        String type = config.get("state.store.type").trim();
        if (!type.equals("rocksdb") && !type.equals("in_memory")) {
            throw ConfigException.atKey(config.source("state.store.type"), "state.store.type", "must be rocksdb or in_memory, not '" + type + "'");
        }
        return type.equals("in_memory");
    }

    public static DetectorParts from(DetectorConfig config, MeterRegistry registry) {
        return from(config, new FileRulesSource(config), registry);
    }

    public static DetectorParts from(DetectorConfig config, RulesSource rulesSource, MeterRegistry registry) {
        Lexicon lexicon = rulesSource.lexicon();
        DetectionRules rules = rulesSource.rules();
        RegionCatalog regions = RegionCatalog.load(config.file("regions.file"));
        Gazetteer gazetteer = Gazetteer.load(config.file("gazetteer.file"), regions);
        RegionResolver resolver = new RegionResolver(regions, gazetteer, config.getDouble("geo.max.distance.km"));

        Set<String> places = new HashSet<>();
        TextNormaliser basic = TextNormaliser.basic();
        gazetteer.places().forEach(p -> {
            String name = basic.normalise(p.name());
            if (!name.contains(" ") && name.length() >= 3) {
                places.add(name);
            }
        });
        Set<String> protest = config.getSet("protest.categories");
        double minWeight = config.getDouble("protest.min.weight");
        java.time.Duration newAccountAge = config.getDuration("account.new.max.age");
        CoordinationSettings coordination = CoordinationSettings.from(config, lexicon, places);
        // Built again for a lexicon that live rules changed: its words split hashtags too.
        java.util.function.Function<Lexicon, PostEnricher> enricherFor = lex -> {
            Set<String> vocabulary = new HashSet<>(lex.words());
            vocabulary.addAll(places);
            return new PostEnricher(resolver, new TextNormaliser(new HashtagSplitter(vocabulary)), new KeywordMatcher(lex), protest,
                    minWeight, newAccountAge, coordination.enabled());
        };
        PostEnricher enricher = enricherFor.apply(lexicon);

        PostLimits limits = new PostLimits(config.getInt("post.max.record.bytes"), config.getInt("post.max.text.chars"),
                config.getInt("post.max.field.chars"), config.getInt("post.max.hashtags"),
                PostLimits.defaults().earliestCreatedAt(), config.getDuration("post.max.future.skew"),
                config.getInt("dlq.max.value.bytes"));

        boolean rawIds = config.getBoolean("alerts.raw.account.ids");
        String key = rawIds ? "" : PseudonymKey.check(config);
        AlertFactory alerts = new AlertFactory(rules, lexicon.categories(), regions, new Pseudonymiser(key, rawIds));
        SpikeDetector detector = new SpikeDetector(rules, lexicon.categories(), protest);
        RuleBook ruleBook = new RuleBook(new RuleCompiler(lexicon, rules, enricherFor,
                r -> new SpikeDetector(r, lexicon.categories(), protest)));
        RuleValidator validator = new RuleValidator(lexicon.categories(),
                regions.regions().stream().map(org.unrestwatch.region.Region::code).collect(java.util.stream.Collectors.toSet()));
        return new DetectorParts(Topics.from(config), rules, lexicon, regions, new PostParser(limits), enricher, detector, alerts,
                new DetectorMetrics(registry, lexicon.categories()), DataPathSettings.from(config), inMemoryStores(config), ruleBook,
                validator, coordination);
    }
}
