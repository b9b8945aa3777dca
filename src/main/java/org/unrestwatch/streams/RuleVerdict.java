package org.unrestwatch.streams;

/**
 * A rules-topic record after validation: accepted (the rule id and its JSON, null JSON for a
 * deletion) or refused (the dead-letter value; its reason travels in the record's headers).
 */
record RuleVerdict(String id, String json, byte[] deadLetter) {
    static RuleVerdict accepted(String id, String json) {
        return new RuleVerdict(id, json, null);
    }

    static RuleVerdict refused(byte[] deadLetter) {
        return new RuleVerdict(null, null, deadLetter);
    }

    boolean isAccepted() {
        return deadLetter == null;
    }
}
