package org.unrestwatch.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unrestwatch.config.DetectorConfig;
import picocli.CommandLine.Option;

/** Options every command shares: where the config lives, and per-run overrides. */
public final class ConfigOptions {
    private static final Path DEFAULT = Path.of("config");

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Directory with detector.properties, regions, gazetteer and lexicon (default: config in the working "
                    + "directory, else beside the jar or in its parent).")
    Path configDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting (docs/configuration.md); repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The config directory must exist; warnings (unknown kafka.* keys) go to stderr. */
    DetectorConfig load() {
        if (configDir == null) {
            configDir = resolvedConfigDir(DEFAULT);
            if (!configDir.equals(DEFAULT)) {
                System.err.println("using config at " + configDir);
            }
        }
        DetectorConfig.requireDirectory(configDir);
        DetectorConfig config = DetectorConfig.load(configDir, System.getenv(), overrides);
        config.warnings().forEach(w -> System.err.println("warning: " + w));
        return config;
    }

    /**
     * The default {@code config} is looked up in the working directory, then beside the jar and
     * in its parent (target/unrest-detector.jar of a checkout, or an unpacked distribution), so
     * that {@code java -jar .../unrest-detector.jar} works from any folder. A directory given with
     * --config-dir is taken as given (load does not call this then).
     */
    static Path resolvedConfigDir(Path given) {
        if (java.nio.file.Files.isDirectory(given)) {
            return given;
        }
        try {
            Path jarDir = Path.of(ConfigOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            for (Path dir : java.util.Arrays.asList(jarDir, jarDir == null ? null : jarDir.getParent())) {
                if (dir != null && java.nio.file.Files.isRegularFile(dir.resolve(DEFAULT).resolve(DetectorConfig.FILE_NAME))) {
                    return dir.resolve(DEFAULT);
                }
            }
        } catch (Exception e) {
            // no code source to go by (an unusual class loader): keep the default, whose error says what to do
        }
        return given;
    }
}
