package org.unrestwatch.alert;

/** Ordered: a later constant is more severe. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }
}
