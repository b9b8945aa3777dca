package org.unrestwatch.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.unrestwatch.config.ConfigException;

/** A NAB data file: {@code timestamp,value} rows, timestamps "yyyy-MM-dd HH:mm:ss" in UTC. */
public record NabSeries(String name, long[] timestamps, long[] values) {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    public static NabSeries read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("timestamp,value")) {
            throw ConfigException.at(file.toString(), 1, "expected the header 'timestamp,value'");
        }
        long[] ts = new long[lines.size() - 1];
        long[] vs = new long[lines.size() - 1];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.indexOf(',');
            try {
                ts[n] = parseTime(line.substring(0, comma));
                vs[n] = Math.round(Double.parseDouble(line.substring(comma + 1)));
            } catch (RuntimeException e) {
                throw ConfigException.at(file.toString(), i + 1, "not 'timestamp,value': " + line);
            }
            n++;
        }
        return new NabSeries(file.getFileName().toString(), java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
    }

    public static long parseTime(String text) {
        return LocalDateTime.parse(text.trim(), FORMAT).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public static String formatTime(long ms) {
        return LocalDateTime.ofEpochSecond(ms / 1000, 0, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    public int size() {
        return values.length;
    }

    /**
     * The series' bucket: the most common gap between consecutive rows (5 minutes for NAB's Twitter
     * series, 30 for its taxi series), so that the detector's windows can follow it.
     */
    public long bucketMs() {
        java.util.Map<Long, Integer> gaps = new java.util.HashMap<>();
        for (int i = 1; i < timestamps.length; i++) {
            long gap = timestamps[i] - timestamps[i - 1];
            if (gap > 0) {
                gaps.merge(gap, 1, Integer::sum);
            }
        }
        long bucket = 300_000L;
        int seen = 0;
        for (var e : gaps.entrySet()) {
            if (e.getValue() > seen || (e.getValue() == seen && e.getKey() < bucket)) {
                bucket = e.getKey();
                seen = e.getValue();
            }
        }
        return bucket;
    }

    /**
     * The same series with each unit of count kept with probability {@code keep} (binomial
     * thinning, seeded): what a province with that share of the traffic would see. Named
     * {@code name@1/N}.
     */
    public NabSeries thinned(int oneIn, long seed) {
        java.util.Random r = new java.util.Random(seed);
        long[] kept = new long[values.length];
        double keep = 1.0 / oneIn;
        for (int i = 0; i < values.length; i++) {
            kept[i] = RandomCounts.binomial(r, values[i], keep);
        }
        return new NabSeries(name + "@1/" + oneIn, timestamps, kept);
    }
}
