package org.unrestwatch.alert;

/** Lifecycle of one alert story: OPEN once, UPDATED only when severity escalates, RESOLVED once. */
public enum AlertStatus {
    OPEN, UPDATED, RESOLVED
}
