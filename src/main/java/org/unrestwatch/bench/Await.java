package org.unrestwatch.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Polling waits with a stated condition and a bound, so no phase can hang or pass on a bare sleep. */
final class Await {
    /** Short enough that it adds little to a measured duration. */
    static final long POLL_MS = 5;

    private Await() {
    }

    /**
     * Waits until {@code done} reaches {@code target}. Fails if the count stands still for
     * {@code stallLimit} (the reader is stuck) or {@code failure} names a reason (the reader died).
     */
    static void count(String what, LongSupplier done, long target, Duration stallLimit, Supplier<String> failure)
            throws InterruptedException {
        long last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            long d = done.getAsLong();
            if (d >= target) {
                return;
            }
            String why = failure.get();
            if (why != null) {
                throw new IllegalStateException(what + " failed at " + d + " of " + target + " records: " + why);
            }
            if (d != last) {
                last = d;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > stallLimit.toNanos()) {
                throw new IllegalStateException(what + " made no progress for " + stallLimit.toSeconds() + " s at "
                        + d + " of " + target + " records");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Waits until {@code condition} holds; false if {@code timeout} passed first. */
    static boolean until(BooleanSupplier condition, Duration timeout, long pollMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(pollMs);
        }
        return true;
    }
}
