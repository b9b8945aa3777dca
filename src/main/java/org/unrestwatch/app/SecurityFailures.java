package org.unrestwatch.app;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.unrestwatch.config.DetectorConfig;

/**
 * Explains a failure caused by the client's own security settings: a refused SASL login, a TLS
 * handshake that failed, a mechanism the broker does not offer. Waiting does not cure these, and
 * "cannot reach Kafka" would send the operator to the network, so the message names the user, the
 * address and the setting to check. It never quotes a setting's value: they hold passwords.
 */
final class SecurityFailures {
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"?([^\";\\s]*)");

    private SecurityFailures() {
    }

    /** The explanation if {@code failure} (or a cause of it) is an authentication or TLS failure. */
    static Optional<String> explain(Throwable failure, DetectorConfig config) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException auth) {
                return Optional.of(explain(auth, config));
            }
        }
        return Optional.empty();
    }

    private static String explain(AuthenticationException e, DetectorConfig config) {
        Map<String, Object> kafka = config.kafkaSettings();
        String at = config.bootstrapServers();
        String mechanism = String.valueOf(kafka.getOrDefault("sasl.mechanism", "GSSAPI"));
        if (e instanceof SslAuthenticationException) {
            return "TLS handshake with " + at + " failed (" + rootMessage(e) + "): check kafka.ssl.truststore.location"
                    + from(config, "kafka.ssl.truststore.location")
                    + " trusts the broker's certificate, and that the certificate names the host you connect to";
        }
        if (e instanceof UnsupportedSaslMechanismException) {
            return "the broker at " + at + " does not offer SASL mechanism " + mechanism + ": check kafka.sasl.mechanism"
                    + from(config, "kafka.sasl.mechanism");
        }
        if (e instanceof SaslAuthenticationException) {
            return "authentication failed for SASL user '" + user(kafka) + "' at " + at + " (" + mechanism
                    + "): check the user name and password in kafka.sasl.jaas.config" + from(config, "kafka.sasl.jaas.config");
        }
        return "authentication with " + at + " failed (" + e.getClass().getSimpleName() + "): check the kafka.security.protocol,"
                + " kafka.sasl.* and kafka.ssl.* settings";
    }

    /** The user named in the JAAS configuration, or a placeholder; never anything else from it. */
    static String user(Map<String, Object> kafka) {
        Object jaas = kafka.get("sasl.jaas.config");
        if (jaas != null) {
            Matcher m = USERNAME.matcher(jaas.toString());
            if (m.find() && !m.group(1).isEmpty()) {
                return m.group(1);
            }
        }
        return "(none named)";
    }

    private static String from(DetectorConfig config, String key) {
        String source = config.source(key);
        return source.equals("default") ? " (not set)" : " (from " + source + ")";
    }

    /** The innermost message, e.g. the JDK's "PKIX path building failed: ..." behind Kafka's "SSL handshake failed". */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
