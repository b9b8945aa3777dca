package org.unrestwatch.stats;

/** An account that reached the hyperactivity threshold within one window, in the region of that post. */
public record HyperactiveAccount(String accountId, String region, long windowStartMs, long posts) {
}
