package org.unrestwatch.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The detector's own counters the benchmark reads (names as registered in DetectorMetrics). */
final class DetectorMeters {
    private DetectorMeters() {
    }

    /** Records read from the posts topic. */
    static long consumed(MeterRegistry registry) {
        return sum(registry, "unrest.posts.consumed");
    }

    /** Posts dropped as later than the grace period, over all regions (0 if none was ever dropped). */
    static long lateDropped(MeterRegistry registry) {
        return sum(registry, "unrest.posts.late.dropped");
    }

    /**
     * Records the detector has finished with: counted into a region window, dropped as late, or
     * rejected to the dead-letter topic. When it reaches the records consumed, the region stage
     * downstream of the repartition has caught up with parsing.
     */
    static long settled(MeterRegistry registry) {
        return sum(registry, "unrest.region.posts") + lateDropped(registry) + sum(registry, "unrest.posts.rejected");
    }

    private static long sum(MeterRegistry registry, String name) {
        return Math.round(registry.find(name).counters().stream().mapToDouble(Counter::count).sum());
    }
}
