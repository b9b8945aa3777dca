package org.unrestwatch.evaluate;

import java.util.Arrays;
import java.util.List;

/**
 * Each series' first days scored apart from the rest (issue #24): every region starts young, and a
 * region added in a crisis is young when it matters most. The series is cut after {@code days}
 * (later if a labelled window that starts before the cut runs past it: a window belongs to the
 * part it starts in); each part is scored with NAB's standard profile and no probation, so the
 * first part measures what the detector does while it is learning, false positives included.
 */
public final class FirstDays {
    /** The two parts' results; a part without labelled windows has no score, only its false positives. */
    public record Split(NabScorer.Result first, NabScorer.Result rest) {
    }

    private FirstDays() {
    }

    public static Split score(OnlineEvaluator.Row[] rows, SeriesScores.Labelled d, int days) {
        long[] t = d.series().timestamps();
        long cutTime = t[0] + days * 86_400_000L;
        int cut = 0;
        while (cut < t.length && t[cut] < cutTime) {
            cut++;
        }
        boolean moved = true;
        while (moved) { // a window that starts before the cut pulls it past its end, until none straddles it
            moved = false;
            for (NabWindows.Window w : d.windows()) {
                while (cut < t.length && w.start() < t[cut] && t[cut] <= w.end()) {
                    cut++;
                    moved = true;
                }
            }
        }
        final long cutAt = cut < t.length ? t[cut] : Long.MAX_VALUE;
        boolean[] alerts = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            alerts[i] = rows[i].alert();
        }
        List<NabWindows.Window> early = d.windows().stream().filter(w -> w.start() < cutAt).toList();
        List<NabWindows.Window> late = d.windows().stream().filter(w -> w.start() >= cutAt).toList();
        String name = d.series().name();
        NabScorer.Result first = NabScorer.score(name, Arrays.copyOfRange(t, 0, cut), Arrays.copyOfRange(alerts, 0, cut), early,
                NabScorer.Profile.STANDARD, 0);
        NabScorer.Result rest = NabScorer.score(name, Arrays.copyOfRange(t, cut, t.length), Arrays.copyOfRange(alerts, cut, t.length), late,
                NabScorer.Profile.STANDARD, 0);
        return new Split(first, rest);
    }
}
