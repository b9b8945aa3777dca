package org.unrestwatch.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every protest post the latency phase produced, per region and event-time window, with the wall
 * time it was produced. An OPEN alert says how many protest posts the window had counted when it
 * fired ({@code observed}); the {@code observed}-th of them in event-time order is the post that
 * crossed the threshold. Written and read by one thread.
 */
final class ProtestPostLog {
    /**
     * One produced protest post; {@code live} is false for the history produced before the live
     * traffic; {@code surgePost} is its 1-based place in its surge, 0 for background protest posts.
     */
    record Produced(long eventMs, long producedNanos, boolean live, int surgePost) {
    }

    private final long windowMs;
    private final Map<String, Map<Long, List<Produced>>> byRegionAndWindow = new HashMap<>();

    ProtestPostLog(long windowMs) {
        this.windowMs = windowMs;
    }

    void add(String region, long eventMs, long producedNanos, boolean live, int surgePost) {
        long windowStart = eventMs - Math.floorMod(eventMs, windowMs);
        byRegionAndWindow.computeIfAbsent(region, r -> new HashMap<>())
                .computeIfAbsent(windowStart, w -> new ArrayList<>())
                .add(new Produced(eventMs, producedNanos, live, surgePost));
    }

    /** The {@code observed}-th protest post (1-based, event-time order, ties in production order) of the window; null if there were fewer. */
    Produced thresholdPost(String region, long windowStartMs, long observed) {
        List<Produced> posts = new ArrayList<>(byRegionAndWindow.getOrDefault(region, Map.of()).getOrDefault(windowStartMs, List.of()));
        posts.sort(Comparator.comparingLong(Produced::eventMs)); // stable: production order breaks ties
        return observed >= 1 && observed <= posts.size() ? posts.get((int) observed - 1) : null;
    }
}
