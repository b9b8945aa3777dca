package org.unrestwatch.config;

/**
 * A configuration problem that stops startup. The message always names where it is: the file,
 * and the line or key, so that an operator can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ConfigException at(String file, int line, String problem) {
        return new ConfigException(file + ":" + line + ": " + problem);
    }

    public static ConfigException atKey(String source, String key, String problem) {
        return new ConfigException(source + ": key '" + key + "': " + problem);
    }
}
