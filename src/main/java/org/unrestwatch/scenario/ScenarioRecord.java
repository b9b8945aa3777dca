package org.unrestwatch.scenario;

/** One record of the scenario: its event time, key (account id, or null) and raw value bytes. */
public record ScenarioRecord(long eventTimeMs, String key, byte[] value, boolean malformed) {
}
