package org.unrestwatch.region;

/** How a post's region was found; a bounded metric label. */
public enum Resolution {
    EXPLICIT, GEO, PLACE, UNKNOWN
}
