package org.unrestwatch.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unrestwatch.config.DetectorConfig;
import picocli.CommandLine.Option;

/** Options every command shares: where the config lives, and per-run overrides. */
public final class ConfigOptions {
    @Option(names = "--config-dir", defaultValue = "config", paramLabel = "DIR",
            description = "Directory with detector.properties, regions, gazetteer and lexicon (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any setting, including kafka.* client settings; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The config directory must exist; warnings (unknown kafka.* keys) go to stderr. */
    DetectorConfig load() {
        DetectorConfig.requireDirectory(configDir);
        DetectorConfig config = DetectorConfig.load(configDir, System.getenv(), overrides);
        config.warnings().forEach(w -> System.err.println("warning: " + w));
        return config;
    }
}
