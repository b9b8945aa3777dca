package org.unrestwatch.app;

import java.time.Duration;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.Durations;
import picocli.CommandLine.Option;

/** How long a command that talks to Kafka waits for it before giving up (exit 3, naming the address). */
public final class ConnectOptions {
    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Give up if Kafka cannot be reached within this time, e.g. 10s or 2m (default: ${DEFAULT-VALUE}).")
    String connectTimeout;

    Duration timeout() {
        try {
            return Durations.parse(connectTimeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--connect-timeout: " + e.getMessage(), e);
        }
    }
}
