package org.unrestwatch.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

class SketchesTest {
    @Test
    void distinctCounterIsExactBelowKAndCloseAbove() {
        DistinctCounter small = new DistinctCounter();
        for (int i = 0; i < 200; i++) {
            small.add("acct-" + (i % 150));
        }
        assertEquals(150, small.estimate());

        DistinctCounter large = new DistinctCounter();
        for (int i = 0; i < 100_000; i++) {
            large.add("acct-" + i);
        }
        long estimate = large.estimate();
        assertTrue(Math.abs(estimate - 100_000) < 15_000, "estimate " + estimate);
    }

    @Test
    void topKKeepsHeavyHittersInBoundedSpace() {
        TopK top = new TopK(24);
        for (int i = 0; i < 10_000; i++) {
            top.add("noise-" + i, 1);
            if (i % 2 == 0) {
                top.add("heavy", 1);
            }
            if (i % 4 == 0) {
                top.add("second", 1);
            }
        }
        // heavy is 5000 of 17500 (29%), second 2500 (14%): both above total/capacity (4%)
        assertEquals("heavy", top.top(2).get(0).item());
        assertEquals("second", top.top(2).get(1).item());
        assertTrue(top.top(2).get(0).count() <= 5000, "counts are lower bounds");
        assertTrue(top.top(2).get(0).count() >= 5000 - 17_500 / 24, "and close to the truth");
        assertTrue(top.top(100).size() <= 24);
    }

    @Test
    void sketchesSurviveSerialisation() {
        DistinctCounter c = new DistinctCounter();
        TopK t = new TopK(4);
        for (int i = 0; i < 500; i++) {
            c.add("a" + i);
            t.add("t" + (i % 3), 1);
        }
        BinaryWriter out = new BinaryWriter(64);
        c.write(out);
        t.write(out);
        BinaryReader in = new BinaryReader(out.toByteArray());
        assertEquals(c.estimate(), DistinctCounter.read(in).estimate());
        assertEquals(t.top(3), TopK.read(in).top(3));
    }
}
