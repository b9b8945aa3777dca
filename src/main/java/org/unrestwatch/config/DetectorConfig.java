package org.unrestwatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The detector's configuration: {@code detector.properties} in the config directory, then
 * environment overrides ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code UNREST_PSEUDONYM_KEY},
 * {@code UNREST_<KEY>} for any known key and {@code UNREST_KAFKA_<KEY>} for any Kafka client key,
 * dots as underscores), then command-line {@code --set key=value}.
 * Every value remembers where it came from, so an error names the file and line, the variable or
 * the flag. Unknown keys are errors (a typo must not silently fall back to a default).
 */
public final class DetectorConfig {
    public static final String FILE_NAME = "detector.properties";
    private static final Map<String, Setting> SETTINGS = Setting.byKey();
    private static final String KAFKA_ENV_PREFIX = "UNREST_KAFKA_";
    /** UNREST_ variables that are not settings: read elsewhere (the key, logging). */
    private static final java.util.Set<String> NOT_SETTINGS = java.util.Set.of("UNREST_PSEUDONYM_KEY", "UNREST_LOG_LEVEL");

    private final Path dir;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    private DetectorConfig(Path dir) {
        this.dir = dir;
        SETTINGS.values().forEach(s -> {
            values.put(s.key(), s.defaultValue());
            sources.put(s.key(), "default");
        });
    }

    /** Loads {@code dir/detector.properties} (if present), the environment, then {@code overrides}. */
    public static DetectorConfig load(Path dir, Map<String, String> env, Map<String, String> overrides) {
        DetectorConfig c = new DetectorConfig(dir);
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            c.readFile(file);
        }
        c.readEnv(env);
        overrides.forEach((k, v) -> c.set(k, v, "--set " + k));
        c.refuseMisspeltKafkaKeys();
        c.validate();
        return c;
    }

    /**
     * A kafka.* key within two edits of a real Kafka setting is a typo, not a plugin's setting:
     * {@code kafka.bootstrap.server} would leave the default broker in place and run against it.
     */
    private void refuseMisspeltKafkaKeys() {
        for (String k : values.keySet()) {
            if (k.startsWith("kafka.") && !KafkaSettingNames.isKnown(k.substring("kafka.".length()))) {
                String near = KafkaSettingNames.nearest(k.substring("kafka.".length()), DetectorConfig::editDistance);
                if (near != null) {
                    throw new ConfigException(source(k) + ": '" + k + "' is not a Kafka setting (did you mean 'kafka." + near + "'?)");
                }
            }
        }
    }

    /** The shipped defaults alone: no file, no environment (tools and tests). */
    public static DetectorConfig defaults() {
        DetectorConfig c = new DetectorConfig(Path.of("config"));
        c.validate();
        return c;
    }

    /** The file and {@code overrides}, ignoring the environment (tests, tools). */
    public static DetectorConfig of(Path dir, Map<String, String> overrides) {
        return load(dir, Map.of(), overrides);
    }

    private void readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.at(file.toString(), i + 1, "expected key=value, got '" + line + "'");
            }
            set(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), file + ":" + (i + 1));
        }
    }

    private void readEnv(Map<String, String> env) {
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            set("kafka.bootstrap.servers", env.get("KAFKA_BOOTSTRAP_SERVERS"), "env KAFKA_BOOTSTRAP_SERVERS");
        }
        if (env.containsKey("UNREST_PSEUDONYM_KEY")) {
            set("alerts.pseudonym.key", env.get("UNREST_PSEUDONYM_KEY"), "env UNREST_PSEUDONYM_KEY");
        }
        java.util.Map<String, String> keyByVar = new java.util.HashMap<>();
        for (String key : SETTINGS.keySet()) {
            String var = "UNREST_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            keyByVar.put(var, key);
            if (env.containsKey(var)) {
                set(key, env.get(var), "env " + var);
            }
        }
        // A misspelt variable (UNREST_WINDOW_SISE) would otherwise be ignored without a word.
        for (String var : new java.util.TreeSet<>(env.keySet())) {
            if (var.startsWith("UNREST_") && !keyByVar.containsKey(var) && !var.startsWith(KAFKA_ENV_PREFIX)
                    && !NOT_SETTINGS.contains(var)) {
                String key = var.substring("UNREST_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                String near = nearestSetting(key);
                throw new ConfigException("env " + var + ": no setting is called '" + key + "'"
                        + (near != null ? " (did you mean UNREST_" + near.toUpperCase(Locale.ROOT).replace('.', '_') + "?)" : "")
                        + "; unset it, or name a key of the configuration reference in docs/configuration.md");
            }
        }
        // Kafka's keys are open-ended, so any UNREST_KAFKA_* variable is one: this is how secrets
        // such as kafka.sasl.jaas.config stay off the command line (visible in ps) and out of files.
        // Kafka client keys use dots only, so every underscore is a dot. Sorted: a stable order.
        env.keySet().stream().filter(v -> v.startsWith(KAFKA_ENV_PREFIX) && v.length() > KAFKA_ENV_PREFIX.length()).sorted()
                .forEach(var -> set("kafka." + var.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        env.get(var), "env " + var));
    }

    private void set(String key, String value, String source) {
        if (!key.startsWith("kafka.") && !SETTINGS.containsKey(key)) {
            throw new ConfigException(source + ": unknown key '" + key + "'" + suggestion(key));
        }
        values.put(key, value);
        sources.put(key, source);
    }

    private static String suggestion(String key) {
        String best = nearestSetting(key);
        return best == null ? " (see the configuration reference in docs/configuration.md)" : " (did you mean '" + best + "'?)";
    }

    /** The setting within three edits of {@code key}, nearest first; null when none is. */
    private static String nearestSetting(String key) {
        String best = null;
        int bestDistance = 4;
        for (String known : SETTINGS.keySet()) {
            int d = editDistance(key, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    /** Levenshtein distance: how many one-character edits turn {@code a} into {@code b}. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Problems worth a warning that do not stop startup: {@code kafka.*} keys that neither Kafka
     * Streams nor its clients know (passed on anyway: a plugin may read them).
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        values.keySet().stream().filter(k -> k.startsWith("kafka.")).forEach(k -> {
            if (!KafkaSettingNames.isKnown(k.substring("kafka.".length()))) {
                out.add(source(k) + ": '" + k + "' is not a Kafka Streams, producer, consumer or admin setting;"
                        + " it is passed on, but is probably a typo");
            }
        });
        String guarantee = values.getOrDefault("kafka.processing.guarantee", "exactly_once_v2").trim();
        if (!guarantee.equals("exactly_once_v2")) {
            out.add(source("kafka.processing.guarantee") + ": processing.guarantee=" + guarantee + ": after a crash, alerts can be"
                    + " repeated and posts replayed from the last commit can be dropped as late (measured: 47 in a kill -9 test);"
                    + " exactly_once_v2 is the default for that reason");
        }
        return out;
    }

    /** The directory and its {@code detector.properties} must exist: a wrong --config-dir must not run on defaults. */
    public static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("config directory '" + dir + "' does not exist (" + dir.toAbsolutePath()
                    + "); pass --config-dir DIR, the directory with detector.properties, regions.csv, lexicon.csv and gazetteer/");
        }
        if (!Files.isRegularFile(dir.resolve(FILE_NAME))) {
            throw new ConfigException(dir.resolve(FILE_NAME) + ": missing; the config directory needs it"
                    + " (copy config/detector.properties from the distribution and edit it)");
        }
    }

    /**
     * Parses every typed value once and checks its range, so that a bad value stops startup (with
     * the key and where it was set), not the first post.
     */
    private void validate() {
        for (String key : values.keySet()) {
            Setting s = SETTINGS.get(key);
            if (s == null) {
                continue;
            }
            String d = s.defaultValue();
            if (key.equals("topic.retention")) {
                getRetentionMs(key); // a duration, or -1 for no limit
            } else if (d.matches("-?\\d+")) {
                checkRange(s, getLong(key), false);
            } else if (d.matches("-?\\d+\\.\\d+")) {
                checkRange(s, getDouble(key), false);
            } else if (d.equals("true") || d.equals("false")) {
                getBoolean(key);
            } else if (d.matches("\\d+(ms|s|m|h|d)")) {
                checkRange(s, getDuration(key).toMillis(), true);
            }
        }
        getDoubles("severity.ratios");
    }

    private void checkRange(Setting s, double value, boolean duration) {
        if (!s.range().contains(value)) {
            throw ConfigException.atKey(source(s.key()), s.key(), "'" + values.get(s.key()) + "' is out of range: must be "
                    + s.range().describe(duration));
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(String key) {
        return dir.resolve(get(key));
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("no setting '" + key + "'");
        }
        return v;
    }

    public String source(String key) {
        return sources.getOrDefault(key, "default");
    }

    private ConfigException bad(String key, String expected) {
        String shown = isSecret(key) ? "the value" : "'" + values.get(key) + "'";
        return ConfigException.atKey(source(key), key, shown + " is not " + expected);
    }

    /** Keys whose values must not appear in messages: passwords, JAAS configurations, secrets, private keys. */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key");
    }

    public long getLong(String key) {
        try {
            return Long.parseLong(get(key).trim());
        } catch (NumberFormatException e) {
            throw bad(key, "an integer");
        }
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bad(key, "a 32-bit integer");
        }
        return (int) v;
    }

    public double getDouble(String key) {
        try {
            double v = Double.parseDouble(get(key).trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw bad(key, "a finite number");
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, "a number");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad(key, "true or false");
        }
        return v.equals("true");
    }

    public Duration getDuration(String key) {
        try {
            return Durations.parse(get(key));
        } catch (IllegalArgumentException e) {
            throw ConfigException.atKey(source(key), key, e.getMessage());
        }
    }

    /** A retention in milliseconds: a duration, or -1 for "keep forever" (Kafka's own convention). */
    public long getRetentionMs(String key) {
        return get(key).trim().equals("-1") ? -1 : getDuration(key).toMillis();
    }

    public Set<String> getSet(String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : get(key).split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    public double[] getDoubles(String key) {
        try {
            return Arrays.stream(get(key).split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw bad(key, "a comma-separated list of numbers");
        }
    }

    /** The {@code kafka.*} settings with the prefix removed, for Kafka Streams and clients. */
    public Map<String, Object> kafkaSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("kafka.")) {
                m.put(k.substring("kafka.".length()), v);
            }
        });
        return m;
    }

    public String bootstrapServers() {
        return values.getOrDefault("kafka.bootstrap.servers", "localhost:9092");
    }

    /** A copy with more overrides, e.g. the demo pointing at its embedded broker. */
    public DetectorConfig with(Map<String, String> overrides) {
        DetectorConfig c = new DetectorConfig(dir);
        c.values.putAll(values);
        c.sources.putAll(sources);
        overrides.forEach((k, v) -> c.set(k, v, "override " + k));
        c.validate();
        return c;
    }
}
