package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first days scored apart: windows go to the part they start in, and each part is scored from its first row. */
class FirstDaysTest {
    private static final long DAY = 86_400_000L;
    private static final long W = 300_000L;

    @Test
    void eachPartHasItsOwnWindowsAndFalsePositivesWithoutProbation() {
        int rows = 10 * 288;
        long[] t = new long[rows];
        long[] v = new long[rows];
        OnlineEvaluator.Row[] out = new OnlineEvaluator.Row[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * W;
        }
        // A window on day 1 running past the cut at day 2, one on day 5; alerts: one in each window, one false on day 0.
        NabWindows.Window early = new NabWindows.Window(t[288 + 200], t[2 * 288 + 20]);
        NabWindows.Window late = new NabWindows.Window(t[5 * 288], t[5 * 288 + 100]);
        for (int i = 0; i < rows; i++) {
            boolean alert = i == 10 || i == 288 + 210 || i == 5 * 288 + 10;
            out[i] = new OnlineEvaluator.Row(t[i], v[i], 0, alert, 0);
        }
        SeriesScores.Labelled d = new SeriesScores.Labelled(new NabSeries("s", t, v), List.of(early, late));
        FirstDays.Split split = FirstDays.score(out, d, 2);
        assertEquals(1, split.first().windows(), "the window that starts before the cut belongs to the first part");
        assertEquals(1, split.first().detected());
        assertEquals(1, split.first().falsePositives(), "no probation: the first hour's false alert counts");
        assertEquals(1, split.rest().windows());
        assertEquals(1, split.rest().detected());
        assertEquals(0, split.rest().falsePositives());
    }
}
