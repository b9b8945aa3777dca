package org.unrestwatch.config;

import org.unrestwatch.rules.FileRulesSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.testutil.TestKeys;

class ConfigErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeyNamesFileLineAndSuggestsTheRightOne() throws IOException {
        Files.writeString(dir.resolve("detector.properties"), "# comment\nwindow.size=5m\nwindow.grase=2m\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of()));
        assertTrue(e.getMessage().contains("detector.properties:3"), e.getMessage());
        assertTrue(e.getMessage().contains("window.grase") && e.getMessage().contains("window.grace"), e.getMessage());
    }

    @Test
    void badValueNamesKeyAndWhereItCameFrom() throws IOException {
        Files.writeString(dir.resolve("detector.properties"), "detect.min.volume=lots\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of()));
        assertTrue(e.getMessage().contains("detector.properties:1") && e.getMessage().contains("detect.min.volume"), e.getMessage());

        ConfigException env = assertThrows(ConfigException.class,
                () -> DetectorConfig.load(dir.resolve("none"), Map.of("UNREST_WINDOW_SIZE", "5 parsecs"), Map.of()));
        assertTrue(env.getMessage().contains("env UNREST_WINDOW_SIZE"), env.getMessage());
    }

    @Test
    void environmentAndOverridesApplyInOrder() throws IOException {
        Files.writeString(dir.resolve("detector.properties"), "window.size=10m\nkafka.bootstrap.servers=file:9092\n");
        DetectorConfig c = DetectorConfig.load(dir, Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "UNREST_WINDOW_SIZE", "15m"),
                Map.of("detect.min.volume", "7"));
        assertEquals("env:9092", c.bootstrapServers());
        assertEquals(15, c.getDuration("window.size").toMinutes());
        assertEquals(7, c.getLong("detect.min.volume"));
        assertEquals("file:9092", DetectorConfig.of(dir, Map.of()).kafkaSettings().get("bootstrap.servers"));
    }

    @Test
    void retentionTakesMinusOneForeverButOtherDurationsDoNot() {
        assertEquals(-1, DetectorConfig.of(dir, Map.of("topic.retention", "-1")).getRetentionMs("topic.retention"));
        assertEquals(86_400_000L, DetectorConfig.of(dir, Map.of("topic.retention", "1d")).getRetentionMs("topic.retention"));
        ConfigException e = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of("detect.cooldown", "-1")));
        assertTrue(e.getMessage().contains("detect.cooldown"), e.getMessage());
    }

    @Test
    void detectionSettingsThatWouldBreakTheModelAreRefused() {
        ConfigException offset = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("baseline.count.offset", "0"))));
        assertTrue(offset.getMessage().contains("baseline.count.offset") && offset.getMessage().contains("above 0"),
                offset.getMessage());
        ConfigException span = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("detect.sustained.window", "7m"))));
        assertTrue(span.getMessage().contains("detect.sustained.window") && span.getMessage().contains("whole number"),
                span.getMessage());
        // Issue #24: a run as big as its record is not new (a familiar share is at most 1, so always below it), and
        // a surge must not join the records before its hour has passed.
        ConfigException open = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("detect.novelty.open", "1.0"))));
        assertTrue(open.getMessage().contains("detect.novelty.open") && open.getMessage().contains("above 1"), open.getMessage());
        ConfigException lag = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("detect.novelty.lag", "30m"))));
        assertTrue(lag.getMessage().contains("detect.novelty.lag") && lag.getMessage().contains("55 min"), lag.getMessage());
        ConfigException method = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("detect.method", "fuzzy"))));
        assertTrue(method.getMessage().contains("detect.method") && method.getMessage().contains("counts, novelty or fusion"), method.getMessage());
    }

    @Test
    void eventTimeSettingsThatWouldLosePostsAreRefused() {
        ConfigException tick = assertThrows(ConfigException.class, () -> FileRulesSource.rulesFrom(
                DetectorConfig.of(dir, Map.of("window.tick", "7s"))));
        assertTrue(tick.getMessage().contains("window.tick") && tick.getMessage().contains("divide"), tick.getMessage());
        ConfigException jump = assertThrows(ConfigException.class, () -> org.unrestwatch.streams.DataPathSettings.from(
                DetectorConfig.of(dir, Map.of("watermark.max.jump", "5m"))));
        assertTrue(jump.getMessage().contains("watermark.max.jump") && jump.getMessage().contains("window.grace"),
                jump.getMessage());
    }

    @Test
    void badLexiconRowNamesFileAndLine() throws IOException {
        Path lexicon = dir.resolve("lexicon.csv");
        Files.writeString(lexicon, "term,category,lang,weight\ndharna,mobilisation,ur-Latn,2\nhartal,mobilisation,ur-Latn,heavy\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Lexicon.load(lexicon));
        assertTrue(e.getMessage().contains("lexicon.csv:3") && e.getMessage().contains("weight"), e.getMessage());

        Files.writeString(lexicon, "term,category,lang,weight\nDharna,mobilisation,ur-Latn,2\ndharnaaaa,mobilisation,ur-Latn,2\n");
        ConfigException dup = assertThrows(ConfigException.class, () -> Lexicon.load(lexicon));
        assertTrue(dup.getMessage().contains(":3") && dup.getMessage().contains("line 2"), dup.getMessage());
    }

    @Test
    void shippedConfigLoads() {
        DetectorConfig c = DetectorConfig.of(Path.of("config"), Map.of("alerts.pseudonym.key", TestKeys.PSEUDONYM));
        FileRulesSource rules = new FileRulesSource(c);
        assertTrue(rules.lexicon().entries().size() > 100);
        assertEquals(4, rules.lexicon().categories().size());
    }

    @Test
    void everyBoundedSettingRefusesAValueOutsideItsRangeNamingTheKey() {
        int checked = 0;
        for (Setting s : Setting.ALL) {
            Setting.Range r = s.range();
            if (r.min() == Double.NEGATIVE_INFINITY) {
                continue;
            }
            boolean duration = s.defaultValue().matches("\\d+(ms|s|m|h|d)");
            boolean decimal = s.defaultValue().contains(".");
            double below = r.exclusiveMin() ? r.min() : r.min() - (decimal ? 0.5 : 1);
            String tooSmall = duration ? (below < 0 ? "-1s" : (long) below + "ms") : decimal ? Double.toString(below) : Long.toString((long) below);
            ConfigException low = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of(s.key(), tooSmall)),
                    s.key() + "=" + tooSmall + " was accepted");
            assertTrue(low.getMessage().contains(s.key()), low.getMessage());
            if (r.max() != Double.POSITIVE_INFINITY) {
                String tooLarge = duration ? (long) (r.max() + 1) + "ms" : decimal ? Double.toString(r.max() + 0.5) : Long.toString((long) r.max() + 1);
                ConfigException high = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of(s.key(), tooLarge)),
                        s.key() + "=" + tooLarge + " was accepted");
                assertTrue(high.getMessage().contains(s.key()) && high.getMessage().contains("out of range"), high.getMessage());
            }
            checked++;
        }
        assertTrue(checked >= 40, "only " + checked + " settings have a range");
    }

    @Test
    void theValuesFoundByTheOperatorsAreRefusedWithTheKeyAndTheRange() throws IOException {
        Files.writeString(dir.resolve("detector.properties"), "detect.calm.windows=-3\n");
        ConfigException calm = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of()));
        assertTrue(calm.getMessage().contains("detector.properties:1") && calm.getMessage().contains("detect.calm.windows")
                && calm.getMessage().contains("at least 1"), calm.getMessage());
        Files.delete(dir.resolve("detector.properties"));
        ConfigException port = assertThrows(ConfigException.class, () -> DetectorConfig.of(dir, Map.of("http.port", "99999")));
        assertTrue(port.getMessage().contains("http.port") && port.getMessage().contains("between 0 and 65535"), port.getMessage());
    }

    @Test
    void unknownKafkaKeysAreWarnedAboutKnownOnesAreNot() {
        DetectorConfig c = DetectorConfig.of(dir, Map.of("kafka.bootstrap.servers", "b:9092", "kafka.sasl.jaas.config", "x",
                "kafka.consumer.max.poll.records", "100", "kafka.num.standby.replicas", "1", "kafka.topic.min.insync.replicas", "2",
                "kafka.my.plugin.region", "eu"));
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("kafka.my.plugin.region"), c.warnings().toString());
    }

    /** A misspelt client key would leave the default in place (a run against localhost's broker): an error, with the key meant. */
    @Test
    void kafkaKeysWithinTwoEditsOfARealOneAreErrorsNamingIt() {
        ConfigException servers = assertThrows(ConfigException.class,
                () -> DetectorConfig.of(dir, Map.of("kafka.bootstrap.server", "typo:9092")));
        assertTrue(servers.getMessage().contains("did you mean 'kafka.bootstrap.servers'"), servers.getMessage());
        ConfigException linger = assertThrows(ConfigException.class,
                () -> DetectorConfig.of(dir, Map.of("kafka.producer.lingr.ms", "5")));
        assertTrue(linger.getMessage().contains("did you mean 'kafka.producer.linger.ms'"), linger.getMessage());
    }

    /** UNREST_WINDOW_SISE would otherwise be ignored without a word. */
    @Test
    void anUnknownUnrestVariableIsAnErrorNamingTheOneMeant() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> DetectorConfig.load(dir, Map.of("UNREST_WINDOW_SISE", "10m"), Map.of()));
        assertTrue(e.getMessage().contains("UNREST_WINDOW_SISE") && e.getMessage().contains("did you mean UNREST_WINDOW_SIZE"), e.getMessage());
        DetectorConfig.load(dir, Map.of("UNREST_LOG_LEVEL", "DEBUG", "UNREST_PSEUDONYM_KEY", "x", "UNREST_KAFKA_SASL_JAAS_CONFIG", "y"), Map.of());
    }

    @Test
    void aMissingConfigDirectoryOrPropertiesFileIsNamedAsSuch() throws IOException {
        ConfigException noDir = assertThrows(ConfigException.class, () -> DetectorConfig.requireDirectory(dir.resolve("confg")));
        assertTrue(noDir.getMessage().contains("config directory") && noDir.getMessage().contains("confg"), noDir.getMessage());
        ConfigException noFile = assertThrows(ConfigException.class, () -> DetectorConfig.requireDirectory(dir));
        assertTrue(noFile.getMessage().contains("detector.properties") && noFile.getMessage().contains("missing"), noFile.getMessage());
        Files.writeString(dir.resolve("detector.properties"), "");
        DetectorConfig.requireDirectory(dir);
    }

    /** The alert state topic is compacted by alert id: sharing a name with the alerts topic would compact the history away. */
    @Test
    void twoTopicsWithOneNameAreRefusedNamingBothKeys() {
        DetectorConfig config = DetectorConfig.of(java.nio.file.Path.of("config"), Map.of("topic.alerts.state", "alerts",
                "alerts.pseudonym.key", org.unrestwatch.testutil.TestKeys.PSEUDONYM));
        ConfigException e = assertThrows(ConfigException.class, () -> org.unrestwatch.streams.Topics.from(config));
        assertTrue(e.getMessage().contains("topic.alerts.state") && e.getMessage().contains("topic.alerts ")
                && e.getMessage().contains("'alerts'"), e.getMessage());
        assertEquals("alerts.state", org.unrestwatch.streams.Topics.from(DetectorConfig.of(java.nio.file.Path.of("config"),
                Map.of("alerts.pseudonym.key", org.unrestwatch.testutil.TestKeys.PSEUDONYM))).alertState().name(), "default: the alerts topic plus .state");
    }
}
