package org.unrestwatch.testutil;

import org.unrestwatch.config.PseudonymKey;

/** One random pseudonym key per test JVM: no key lives in the repository, and runs compared in one JVM share it. */
public final class TestKeys {
    public static final String PSEUDONYM = PseudonymKey.random();

    private TestKeys() {
    }
}
