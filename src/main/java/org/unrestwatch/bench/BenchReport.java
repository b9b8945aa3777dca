package org.unrestwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's figures: a table for people and a JSON object for scripts, with exactly the
 * keys in {@link #KEYS}. Latency figures are null when phase (d) was skipped or yielded no sample.
 */
record BenchReport(
        long posts,
        int partitions,
        double plainConsumerPostsPerS,
        double naiveStreamsPostsPerS,
        double detectorPostsPerS,
        long detectorLateDropped,
        double repartitionRecordsPer1000Posts,
        Double latencyMsP50,
        Double latencyMsP99,
        int latencySamples,
        double heapPeakMb) {

    static final List<String> KEYS = List.of("posts", "partitions", "plain_consumer_posts_per_s", "naive_streams_posts_per_s",
            "detector_posts_per_s", "detector_vs_plain_consumer", "detector_vs_naive_streams", "detector_late_dropped",
            "repartition_records_per_1000_posts", "latency_ms_p50", "latency_ms_p99", "heap_peak_mb");

    private static final ObjectMapper JSON = new ObjectMapper();

    double detectorVsPlainConsumer() {
        return detectorPostsPerS / plainConsumerPostsPerS;
    }

    double detectorVsNaiveStreams() {
        return detectorPostsPerS / naiveStreamsPostsPerS;
    }

    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put(KEYS.get(0), posts);
        o.put(KEYS.get(1), partitions);
        o.put(KEYS.get(2), decimals(plainConsumerPostsPerS, 1));
        o.put(KEYS.get(3), decimals(naiveStreamsPostsPerS, 1));
        o.put(KEYS.get(4), decimals(detectorPostsPerS, 1));
        o.put(KEYS.get(5), significant(detectorVsPlainConsumer(), 4));
        o.put(KEYS.get(6), significant(detectorVsNaiveStreams(), 4));
        o.put(KEYS.get(7), detectorLateDropped);
        o.put(KEYS.get(8), decimals(repartitionRecordsPer1000Posts, 1));
        o.put(KEYS.get(9), latencyMsP50 == null ? null : decimals(latencyMsP50, 1));
        o.put(KEYS.get(10), latencyMsP99 == null ? null : decimals(latencyMsP99, 1));
        o.put(KEYS.get(11), decimals(heapPeakMb, 1));
        return o;
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
    }

    void printTable(PrintStream out) {
        String row = "  %-44s %s%n";
        out.printf(Locale.ROOT, "%nresults: %,d posts, %d partitions, one embedded broker in this JVM%n", posts, partitions);
        out.printf(Locale.ROOT, row, "(a) plain consumer", String.format(Locale.ROOT, "%,12.0f posts/s", plainConsumerPostsPerS));
        out.printf(Locale.ROOT, row, "(b) naive Kafka Streams app", String.format(Locale.ROOT, "%,12.0f posts/s", naiveStreamsPostsPerS));
        out.printf(Locale.ROOT, row, "(c) detector (its defaults: exactly-once)", String.format(Locale.ROOT, "%,12.0f posts/s", detectorPostsPerS));
        out.printf(Locale.ROOT, row, "detector / plain consumer", String.format(Locale.ROOT, "%12.4f", detectorVsPlainConsumer()));
        out.printf(Locale.ROOT, row, "detector / naive streams", String.format(Locale.ROOT, "%12.4f", detectorVsNaiveStreams()));
        out.printf(Locale.ROOT, row, "detector: posts dropped as late", String.format(Locale.ROOT, "%,12d (%.1f%% of posts)",
                detectorLateDropped, 100.0 * detectorLateDropped / posts));
        out.printf(Locale.ROOT, row, "detector: repartition records per 1000 posts", String.format(Locale.ROOT, "%,12.1f",
                repartitionRecordsPer1000Posts));
        out.printf(Locale.ROOT, row, "heap peak during (c)", String.format(Locale.ROOT, "%,12.1f MB (the broker shares this JVM's heap)",
                heapPeakMb));
        if (latencyMsP50 == null) {
            out.printf(Locale.ROOT, row, "(d) alert latency p50 / p99", "           - (no sample)");
        } else {
            out.printf(Locale.ROOT, row, "(d) alert latency p50 / p99", String.format(Locale.ROOT, "%,12.0f / %,.0f ms (n=%d%s)",
                    latencyMsP50, latencyMsP99, latencySamples, latencySamples < 100 ? "; fewer than 100 samples: p99 = max" : ""));
        }
    }

    private static double decimals(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static double significant(double v, int digits) {
        return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(digits)).doubleValue() : v;
    }
}
