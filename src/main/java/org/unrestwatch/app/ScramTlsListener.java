package org.unrestwatch.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A SASL_SSL listener for {@link EmbeddedKafka}: TLS with the given PKCS12 key store, clients
 * authenticated by SCRAM-SHA-512 against the users given here (created when the storage is
 * formatted). Lets tests run the detector against a broker secured as production ones are.
 * Holds secrets, so {@link #toString()} names no password.
 */
public final class ScramTlsListener {
    /** The listener's name in the broker configuration (and the prefix of its per-listener settings). */
    static final String NAME = "SASL_SSL";
    static final String MECHANISM = "SCRAM-SHA-512";

    private final Path keyStore;
    private final String keyStorePassword;
    private final Map<String, String> users;

    /**
     * @param keyStore a PKCS12 key store holding the broker's key pair, its certificate valid for localhost
     * @param users SCRAM user names and passwords; both limited to letters, digits, '-' and '_',
     *              because the storage tool's credential syntax has no quoting for ',' or ']'
     */
    public ScramTlsListener(Path keyStore, String keyStorePassword, Map<String, String> users) {
        this.keyStore = Objects.requireNonNull(keyStore);
        this.keyStorePassword = Objects.requireNonNull(keyStorePassword);
        this.users = Map.copyOf(users);
        this.users.forEach((name, password) -> {
            if (!name.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
                // The value is not echoed: it may be a password.
                throw new IllegalArgumentException("SCRAM user names and passwords may hold only letters, digits, '-' and '_'");
            }
        });
    }

    /** Broker settings for this listener; the caller adds it to listeners and the protocol map. */
    Map<String, String> brokerSettings() {
        String prefix = "listener.name." + NAME.toLowerCase(Locale.ROOT) + ".";
        Map<String, String> s = new LinkedHashMap<>();
        s.put(prefix + "sasl.enabled.mechanisms", MECHANISM);
        // Server side of SCRAM needs the login module only: credentials come from the cluster metadata.
        s.put(prefix + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        s.put(prefix + "ssl.keystore.type", "PKCS12");
        s.put(prefix + "ssl.keystore.location", keyStore.toString());
        s.put(prefix + "ssl.keystore.password", keyStorePassword);
        s.put(prefix + "ssl.key.password", keyStorePassword);
        return s;
    }

    /** Arguments for {@code StorageTool format} that create the SCRAM credentials with the cluster. */
    String[] storageToolArguments() {
        return users.entrySet().stream()
                .flatMap(u -> Stream.of("--add-scram",
                        MECHANISM + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]"))
                .toArray(String[]::new);
    }

    @Override
    public String toString() {
        return "ScramTlsListener[" + MECHANISM + ", keyStore=" + keyStore + ", users=" + users.keySet() + "]";
    }
}
