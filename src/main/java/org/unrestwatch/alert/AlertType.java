package org.unrestwatch.alert;

/** What kind of evidence an alert rests on; part of the alert contract. */
public enum AlertType {
    /** Protest-related volume far above the region's baseline. */
    VOLUME_SPIKE,
    /** A volume spike dominated by incitement-to-violence or targeting language. */
    INCITEMENT_SURGE,
    /** Several hyperactive accounts in the region, without a broad volume spike. */
    ACCOUNT_BURST,
    /** A volume spike carried by a cluster of new, hyperactive accounts. */
    COORDINATED_ACTIVITY
}
