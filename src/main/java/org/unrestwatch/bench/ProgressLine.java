package org.unrestwatch.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One status line on standard error, rewritten in place ({@code \r}) every second: phase, records
 * done, overall and last-second rate, plus an optional note. Standard output stays clean for the
 * results.
 */
final class ProgressLine implements AutoCloseable {
    private final PrintStream err = System.err;
    private final String phase;
    private final LongSupplier done;
    private final long total;
    private final Supplier<String> note;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final long startDone;
    private long lastDone;
    private long lastNanos = startNanos;
    private int lastLength;

    private ProgressLine(String phase, LongSupplier done, long total, Supplier<String> note) {
        this.phase = phase;
        this.done = done;
        this.total = total;
        this.note = note;
        this.startDone = done.getAsLong();
        this.lastDone = startDone;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::render, 1, 1, TimeUnit.SECONDS);
    }

    /** {@code total} 0 = unknown. */
    static ProgressLine start(String phase, LongSupplier done, long total) {
        return new ProgressLine(phase, done, total, () -> "");
    }

    static ProgressLine start(String phase, LongSupplier done, long total, Supplier<String> note) {
        return new ProgressLine(phase, done, total, note);
    }

    private synchronized void render() {
        long now = System.nanoTime();
        long d = done.getAsLong();
        double seconds = (now - startNanos) / 1e9;
        double lastRate = (d - lastDone) / Math.max(0.1, (now - lastNanos) / 1e9);
        lastDone = d;
        lastNanos = now;
        String line = String.format(Locale.ROOT, "%-22s %,12d%s records  %5.0f s  %,9.0f/s (last second %,9.0f/s)  %s",
                phase, d, total > 0 ? String.format(Locale.ROOT, " / %,d", total) : "", seconds, (d - startDone) / Math.max(seconds, 0.1),
                lastRate, note.get());
        int pad = Math.max(0, lastLength - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastLength = line.length();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            render();
            err.println();
        }
    }
}
