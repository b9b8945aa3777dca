package org.unrestwatch.region;

/** A first-level region: ISO 3166-2 code and display name. */
public record Region(String code, String name) {
    public static final Region UNKNOWN = new Region("unknown", "Unknown");
}
