package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NabScorerTest {
    private static final NabScorer.Profile STD = NabScorer.Profile.STANDARD;
    /** 2000 rows one minute apart; probation = 300 rows; one window over rows 1000..1099. */
    private static final long[] TS = new long[2000];
    private static final List<NabWindows.Window> WINDOW;

    static {
        for (int i = 0; i < TS.length; i++) {
            TS[i] = i * 60_000L;
        }
        WINDOW = List.of(new NabWindows.Window(TS[1000], TS[1099]));
    }

    private static NabScorer.Result score(int... detections) {
        boolean[] alert = new boolean[TS.length];
        for (int d : detections) {
            alert[d] = true;
        }
        return NabScorer.score("t", TS, alert, WINDOW, STD);
    }

    @Test
    void nullDetectorScoresZeroAndPerfectOneHundred() {
        assertEquals(0.0, score().normalised(), 1e-9);
        assertEquals(-1.0, score().raw(), 1e-9);
        assertEquals(100.0, score(1000).normalised(), 1e-9);
    }

    @Test
    void earlierDetectionInTheWindowEarnsMoreAndOnlyTheBestCounts() {
        double middle = score(1050).raw();
        // position -(1099 - 1050 + 1) / 100 = -0.5: 2 * sigmoid(2.5) - 1 = 0.848283, scaled by 1 / 0.986614
        assertEquals((2 / (1 + Math.exp(-2.5)) - 1) / (2 / (1 + Math.exp(-5)) - 1), middle, 1e-6);
        assertEquals(middle, score(1050, 1080).raw(), 1e-12);
        assertEquals(score(1000).raw(), score(1000, 1050).raw(), 1e-12);
    }

    @Test
    void falsePositivesCostLessRightAfterAWindowAndNothingInProbation() {
        assertEquals(-1.0 - 0.11, score(500).raw(), 1e-9, "before any window: full FP weight");
        assertEquals(-1.0, score(100).raw(), 1e-9, "probationary rows are not scored");
        double justAfter = score(1000, 1105).raw() - score(1000).raw();
        double farAfter = score(1000, 1900).raw() - score(1000).raw();
        // six rows past a 100-row window: position 6 / 99, cost 0.11 * (2 * sigmoid(-5 * 6 / 99) - 1)
        assertEquals(0.11 * (2 / (1 + Math.exp(5 * (6.0 / 99))) - 1), justAfter, 1e-9);
        assertEquals(-0.11, farAfter, 1e-9);
    }
}
