package org.unrestwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka client secrets can come from the environment, and configuration errors never quote them. */
class KafkaSecretsConfigTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"alice\" password=\"s3cret-from-env\";";

    @TempDir
    Path dir;

    @Test
    void unrestKafkaVariablesBecomeKafkaSettingsWithDotsForUnderscores() {
        DetectorConfig c = DetectorConfig.load(dir, Map.of(
                "UNREST_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "UNREST_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-me",
                "UNREST_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of());
        Map<String, Object> kafka = c.kafkaSettings();
        assertEquals(JAAS, kafka.get("sasl.jaas.config"));
        assertEquals("trust-me", kafka.get("ssl.truststore.password"));
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("env UNREST_KAFKA_SASL_JAAS_CONFIG", c.source("kafka.sasl.jaas.config"));
    }

    @Test
    void theCommandLineStillOverridesTheEnvironment() {
        DetectorConfig c = DetectorConfig.load(dir, Map.of("UNREST_KAFKA_SASL_MECHANISM", "PLAIN"),
                Map.of("kafka.sasl.mechanism", "SCRAM-SHA-512"));
        assertEquals("SCRAM-SHA-512", c.kafkaSettings().get("sasl.mechanism"));
    }

    @Test
    void otherVariablesAreNotTakenForKafkaSettings() {
        DetectorConfig c = DetectorConfig.load(dir, Map.of("UNREST_KAFKA_", "x", "KAFKA_LOG_LEVEL", "INFO",
                "UNREST_LOG_LEVEL", "DEBUG"), Map.of());
        assertEquals(Map.of(), c.kafkaSettings());
    }

    @Test
    void aBadValueOfASecretKeyIsNotEchoed() {
        DetectorConfig c = DetectorConfig.load(dir, Map.of("UNREST_KAFKA_SASL_JAAS_CONFIG", JAAS), Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> c.getInt("kafka.sasl.jaas.config"));
        assertTrue(e.getMessage().contains("kafka.sasl.jaas.config") && e.getMessage().contains("env UNREST_KAFKA_SASL_JAAS_CONFIG"),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-from-env"), e.getMessage());
    }

    @Test
    void secretKeysAreRecognisedByName() {
        for (String key : new String[] {"kafka.sasl.jaas.config", "kafka.ssl.truststore.password", "kafka.ssl.key.password",
            "kafka.sasl.oauthbearer.client.credentials.client.secret", "kafka.ssl.keystore.key", "alerts.pseudonym.key"}) {
            assertTrue(DetectorConfig.isSecret(key), key);
        }
        for (String key : new String[] {"kafka.sasl.mechanism", "kafka.ssl.truststore.location", "window.size"}) {
            assertFalse(DetectorConfig.isSecret(key), key);
        }
    }
}
