package org.unrestwatch.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.unrestwatch.config.ConfigException;

/** NAB's labelled anomaly windows ({@code combined_windows.json}), by data file name. */
public final class NabWindows {
    public record Window(long start, long end) {
    }

    private final JsonNode root;

    private NabWindows(JsonNode root) {
        this.root = root;
    }

    public static NabWindows read(Path file) {
        try {
            return new NabWindows(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new ConfigException(file + ": not NAB windows JSON: " + e.getMessage(), e);
        }
    }

    /** The windows of the data file named {@code fileName} (matched on the end of NAB's relative path). */
    public List<Window> forFile(String fileName) {
        return find(fileName).orElseThrow(() -> new ConfigException("no NAB windows for " + fileName));
    }

    /** The windows of the data file named {@code fileName}, if this file labels it. */
    public java.util.Optional<List<Window>> find(String fileName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith("/" + fileName) || e.getKey().equals(fileName)) {
                List<Window> windows = new ArrayList<>();
                for (JsonNode w : e.getValue()) {
                    windows.add(new Window(NabSeries.parseTime(w.get(0).asText()), NabSeries.parseTime(w.get(1).asText())));
                }
                return java.util.Optional.of(windows);
            }
        }
        return java.util.Optional.empty();
    }
}
