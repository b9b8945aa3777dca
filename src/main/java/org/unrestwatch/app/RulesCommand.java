package org.unrestwatch.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.config.Durations;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.TextNormaliser;
import org.unrestwatch.region.Region;
import org.unrestwatch.region.RegionCatalog;
import org.unrestwatch.rules.Rule;
import org.unrestwatch.rules.RuleJson;
import org.unrestwatch.rules.RuleValidator;
import org.unrestwatch.rules.RulesInEffect;
import org.unrestwatch.streams.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes and lists analysts' live rules: each write is validated here exactly as the detector
 * will validate it, and says what it changed. Rule ids follow from what a rule is about (a term
 * and category, a region), so writing the same kind of rule again replaces it, one version up.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Change what the detector counts and how it alerts, live, on every instance.",
            "Add or remove a term, mute a region or a term for a while, override a region's thresholds; list and delete",
            "rules. The cluster is read from KAFKA_BOOTSTRAP_SERVERS, --set or config/detector.properties, as for 'run'."},
        subcommands = {RulesCommand.AddTerm.class, RulesCommand.RemoveTerm.class, RulesCommand.Mute.class,
            RulesCommand.SetThreshold.class, RulesCommand.ListRules.class, RulesCommand.Delete.class})
public final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name what to do: add-term, remove-term, mute, set-threshold, list or delete (rules --help)");
    }

    /** What every rule command needs: the configuration, the cluster, the current rules. */
    static final class Session {
        final DetectorConfig config;
        final RuleValidator validator;
        final RulesTopic topic;
        final String topicName;
        final Map<String, byte[]> current;
        final long now = System.currentTimeMillis();
        final long windowMs;

        Session(ConfigOptions options, ConnectOptions connect) {
            config = options.load();
            Duration timeout = connect.timeout();
            TopicAdmin.checkReachable(config, timeout);
            TopicAdmin.ensureTopics(config, timeout);
            Lexicon lexicon = Lexicon.load(config.file("lexicon.file"));
            RegionCatalog regions = RegionCatalog.load(config.file("regions.file"));
            validator = new RuleValidator(lexicon.categories(), regions.regions().stream().map(Region::code)
                    .collect(java.util.stream.Collectors.toSet()));
            Topics topics = Topics.from(config);
            topicName = topics.rules().name();
            topic = new RulesTopic(config, topicName, topics.rulesAccepted().name(), timeout);
            windowMs = config.getDuration("window.size").toMillis();
            current = topic.readAll();
        }

        RuleValidator.Result check(String id) {
            byte[] value = current.get(id);
            return value == null ? null : validator.validate(id.getBytes(StandardCharsets.UTF_8), value);
        }

        /** The rules valid for this configuration, by id. */
        List<Rule> validRules() {
            List<Rule> out = new ArrayList<>();
            current.keySet().forEach(id -> {
                RuleValidator.Result r = check(id);
                if (r.isValid()) {
                    out.add(r.rule());
                }
            });
            return out;
        }

        /**
         * Keeps {@code previous} in force until {@code endMs} under its own id, when it was in force
         * before then: replacing or deleting a rule must not rewrite what judged the past.
         */
        void archive(Rule previous, long endMs) {
            if (previous != null && previous.effectiveFromMs() < endMs) {
                Rule archived = previous.archivedUntil(endMs);
                topic.write(archived.id(), RuleJson.toBytes(archived));
                current.put(archived.id(), RuleJson.toBytes(archived));
            }
        }

        String versionAt(List<Rule> rules, long t) {
            return RulesInEffect.versionOf(rules.stream().filter(r -> r.inForceAt(t)).sorted(Comparator.comparing(Rule::id)).toList());
        }
    }

    /** Who, why and when, on every rule written. */
    static final class Authorship {
        @Option(names = "--author", required = true, paramLabel = "NAME", description = "Who writes the rule (kept with it).")
        String author;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (kept with it).")
        String comment;

        @Option(names = "--from", paramLabel = "TIME",
                description = "In force for posts and windows from this event time: an ISO instant, or a duration from now such as"
                        + " 10m (default: now).")
        String from;

        @Option(names = "--id", paramLabel = "ID", description = "Rule id (default: derived from what the rule is about).")
        String id;
    }

    /** A command that writes one rule. */
    abstract static class Write implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        Authorship who;

        @Mixin
        ConnectOptions connect;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract Rule.Kind kind();

        abstract String defaultId();

        /**
         * When the rule starts without --from. A term counts from now (posts are judged one by one;
         * the slack is the rule's propagation). A rule about windows starts with the next window:
         * the open one may already have been assessed under the old rules, and a replay must judge
         * it as live did.
         */
        long defaultFrom(long now, long windowMs) {
            return now;
        }

        static long nextWindow(long now, long windowMs) {
            return Math.floorDiv(now, windowMs) * windowMs + windowMs;
        }

        /** The rule as this command describes it; {@code previous} is the valid rule it replaces, if any. */
        abstract Rule build(String id, long from, long now, int version, Rule previous);

        @Override
        public Integer call() {
            Session s = new Session(options, connect);
            String id = who.id != null ? who.id : defaultId();
            RuleValidator.Result before = s.check(id);
            Rule previous = before != null && before.isValid() ? before.rule() : null;
            int version = previous != null ? previous.version() + 1 : 1;
            long from = who.from == null ? defaultFrom(s.now, s.windowMs) : time(who.from, s.now, "--from");
            Rule rule = build(id, from, s.now, version, previous);
            byte[] json = RuleJson.toBytes(rule);
            RuleValidator.Result check = s.validator.validate(id.getBytes(StandardCharsets.UTF_8), json);
            if (!check.isValid()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "not written: " + (check.field() == null ? "" : check.field()
                        + ": ") + check.reason());
            }
            s.archive(previous, from);
            s.topic.write(id, json);
            PrintStream out = System.out;
            out.printf("rule %s v%d written to %s at %s%n", id, version, s.topicName, s.config.bootstrapServers());
            out.println("  now:    " + rule.describe());
            out.println("  before: " + (previous != null ? previous.describe() + " (v" + previous.version() + ")"
                    : before != null ? "an invalid record (" + before.reason() + ")" : "nothing (a new rule)"));
            List<Rule> after = new ArrayList<>(s.validRules());
            after.removeIf(r -> r.id().equals(id));
            after.add(rule);
            out.printf("Running detectors put it in force within seconds (their log says so); rules version in force now: %s."
                    + " See 'rules list' or GET /v1/rules.%n", s.versionAt(after, s.now));
            return 0;
        }

        Rule rule(String id, String term, String category, String lang, double weight, List<String> regions, String region,
                  Map<String, Double> thresholds, long from, long until, long now, int version) {
            return new Rule(id, kind(), term, category, lang, weight, regions, region, thresholds, from, until, who.author, who.comment,
                    now, version);
        }
    }

    @Command(name = "add-term", mixinStandardHelpOptions = true, description = "Count a new term in a lexicon category.")
    static final class AddTerm extends Write {
        @Option(names = "--term", required = true, description = "The term or phrase, any script.")
        String term;

        @Option(names = "--category", required = true, description = "A category of config/lexicon.csv, e.g. mobilisation.")
        String category;

        @Option(names = "--lang", required = true, description = "Language/script tag as in config/lexicon.csv: en, ur, ur-Latn, pa, ps, sd, any.")
        String lang;

        @Option(names = "--weight", defaultValue = "1.0", description = "Weight as in the lexicon, (0, 10] (default: ${DEFAULT-VALUE}).")
        double weight;

        @Option(names = "--region", paramLabel = "CODE", description = "Count it only in this region; repeatable (default: everywhere).")
        List<String> regions = List.of();

        @Override
        Rule.Kind kind() {
            return Rule.Kind.ADD_TERM;
        }

        @Override
        String defaultId() {
            return "add-term:" + category + ":" + slug(term);
        }

        @Override
        Rule build(String id, long from, long now, int version, Rule previous) {
            return rule(id, term, category, lang, weight, regions, null, null, from, Rule.FOREVER, now, version);
        }
    }

    @Command(name = "remove-term", mixinStandardHelpOptions = true,
            description = "Stop counting a term (from the lexicon file or added by a rule); 'rules delete' undoes it.")
    static final class RemoveTerm extends Write {
        @Option(names = "--term", required = true, description = "The term, as in the lexicon (matched after normalisation).")
        String term;

        @Option(names = "--category", description = "Only from this category (default: every category).")
        String category;

        @Override
        Rule.Kind kind() {
            return Rule.Kind.REMOVE_TERM;
        }

        @Override
        String defaultId() {
            return "remove-term:" + slug(term) + (category == null ? "" : ":" + category);
        }

        @Override
        Rule build(String id, long from, long now, int version, Rule previous) {
            return rule(id, term, category, null, 1.0, null, null, null, from, Rule.FOREVER, now, version);
        }
    }

    @Command(name = "mute", mixinStandardHelpOptions = true,
            description = {"Until a time: a region opens and escalates no story (an open one still resolves), or a term is not counted."})
    static final class Mute extends Write {
        @Option(names = "--region", paramLabel = "CODE", description = "The region to mute.")
        String region;

        @Option(names = "--term", description = "The term to mute.")
        String term;

        @Option(names = "--until", required = true, paramLabel = "TIME", description = "An ISO instant, or a duration from now such as 2h.")
        String until;

        @Override
        Rule.Kind kind() {
            return Rule.Kind.MUTE;
        }

        @Override
        String defaultId() {
            if ((region == null) == (term == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "mute needs --region or --term (one of the two)");
            }
            return region != null ? "mute:region:" + region : "mute:term:" + slug(term);
        }

        @Override
        long defaultFrom(long now, long windowMs) {
            return region != null ? nextWindow(now, windowMs) : now;
        }

        @Override
        Rule build(String id, long from, long now, int version, Rule previous) {
            return rule(id, term, null, null, 1.0, null, region, null, from, time(until, now, "--until"), now, version);
        }
    }

    @Command(name = "set-threshold", mixinStandardHelpOptions = true,
            description = {"Override some of a region's thresholds (merged with those its rule already sets).", "Settable, with ranges:",
                "detect.min.volume 1-100000, detect.min.distinct.accounts 1-10000, detect.min.ratio 1-100,",
                "detect.open.margin 1-5, detect.open.score.min 0.5-60, detect.sustained.margin 1-5."})
    static final class SetThreshold extends Write {
        @Option(names = "--region", required = true, paramLabel = "CODE", description = "The region.")
        String region;

        @Option(names = "--threshold", required = true, paramLabel = "KEY=VALUE",
                description = "A threshold and its value; repeatable.")
        Map<String, Double> thresholds = new LinkedHashMap<>();

        @Option(names = "--until", paramLabel = "TIME", description = "An ISO instant, or a duration from now such as 1d (default: no end).")
        String until;

        @Override
        Rule.Kind kind() {
            return Rule.Kind.SET_THRESHOLD;
        }

        @Override
        String defaultId() {
            return "threshold:" + region;
        }

        @Override
        long defaultFrom(long now, long windowMs) {
            return nextWindow(now, windowMs);
        }

        @Override
        Rule build(String id, long from, long now, int version, Rule previous) {
            Map<String, Double> merged = new LinkedHashMap<>();
            boolean merging = previous != null && previous.kind() == Rule.Kind.SET_THRESHOLD && previous.untilMs() > now;
            if (merging) {
                merged.putAll(previous.thresholds());
            }
            merged.putAll(thresholds);
            // Without --until, merged keys keep the end they had: a 2-hour override does not become permanent.
            long end = until != null ? time(until, now, "--until") : merging ? previous.untilMs() : Rule.FOREVER;
            return rule(id, null, null, null, 1.0, null, region, merged, from, end, now, version);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every rule in the rules topic, with its state now.")
    static final class ListRules implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        ConnectOptions connect;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
        String output;

        @Override
        public Integer call() {
            Session s = new Session(options, connect);
            List<Rule> valid = s.validRules();
            PrintStream out = System.out;
            if (output.equals("json")) {
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                var array = mapper.createArrayNode();
                s.current.keySet().forEach(id -> {
                    RuleValidator.Result r = s.check(id);
                    if (r.isValid()) {
                        array.add(RuleJson.toTree(r.rule()).put("state", r.rule().stateAt(s.now)));
                    } else {
                        array.addObject().put("id", id).put("state", "invalid").put("reason", r.reason());
                    }
                });
                out.println(array);
                return 0;
            }
            out.printf("%d rule%s in %s at %s; rules version in force now: %s%n", s.current.size(), s.current.size() == 1 ? "" : "s",
                    s.topicName, s.config.bootstrapServers(), s.versionAt(valid, s.now));
            s.current.keySet().stream().sorted().forEach(id -> {
                RuleValidator.Result r = s.check(id);
                if (r.isValid()) {
                    Rule rule = r.rule();
                    out.printf("  %-40s v%-3d %-10s %s%n      by %s at %s: %s%n", id, rule.version(), rule.stateAt(s.now), rule.describe(),
                            rule.author(), Instant.ofEpochMilli(rule.createdAtMs()), rule.comment());
                } else {
                    out.printf("  %-40s      %-10s %s%s%n", id, "INVALID", r.field() == null ? "" : r.field() + ": ", r.reason());
                }
            });
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a rule (the detector stops applying it).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        ConnectOptions connect;

        @Parameters(paramLabel = "ID", description = "The rule's id, as 'rules list' shows it.")
        String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Session s = new Session(options, connect);
            if (!s.current.containsKey(id)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no rule '" + id + "' in " + s.topicName
                        + ": 'rules list' shows the ids");
            }
            RuleValidator.Result was = s.check(id);
            if (was.isValid()) {
                // What it decided stays decided: kept in force up to now (to the next window for a rule about windows).
                s.archive(was.rule(), was.rule().aboutWindows() ? Write.nextWindow(s.now, s.windowMs) : s.now);
            }
            s.topic.write(id, null);
            System.out.printf("rule %s deleted from %s (was: %s)%n", id, s.topicName,
                    was.isValid() ? was.rule().describe() + ", v" + was.rule().version() : "an invalid record");
            List<Rule> after = new ArrayList<>(s.validRules());
            after.removeIf(r -> r.id().equals(id));
            System.out.printf("rules version in force now: %s%n", s.versionAt(after, s.now));
            return 0;
        }
    }

    /** A rule id part from a term: normalised, spaces as hyphens. */
    static String slug(String term) {
        return TextNormaliser.basic().normalise(term).replace(' ', '-');
    }

    /** An ISO instant, or a duration from now. */
    static long time(String text, long now, String option) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return now + Durations.parse(text).toMillis();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(option + ": '" + text + "' is neither an ISO instant (2026-12-04T18:00:00Z) nor a duration"
                        + " from now (2h, 30m)");
            }
        }
    }
}
