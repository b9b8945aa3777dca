package org.unrestwatch.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the fault tests wait for what they need, never a fixed time. */
final class Await {
    private Await() {
    }

    /** Polls {@code condition} every {@code every} until it holds (true) or {@code timeout} has passed (false). */
    static boolean until(Duration timeout, Duration every, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
