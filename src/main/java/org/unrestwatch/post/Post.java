package org.unrestwatch.post;

import java.util.List;

/**
 * A validated post, as the input contract defines it. Optional numbers use sentinels instead of
 * boxing: {@link #NO_TIME} for an unknown account creation time, {@code NaN} for no geo point,
 * -1 for unknown followers.
 */
public record Post(
        String id,
        long createdAtMs,
        String text,
        String accountId,
        String accountHandle,
        long accountCreatedAtMs,
        long accountFollowers,
        String lang,
        double geoLat,
        double geoLon,
        String place,
        String region,
        List<String> hashtags,
        String repostOf) {

    public static final long NO_TIME = Long.MIN_VALUE;

    public boolean hasGeo() {
        return !Double.isNaN(geoLat) && !Double.isNaN(geoLon);
    }
}
