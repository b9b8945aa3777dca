package org.unrestwatch.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.unrestwatch.coordination.CopyCandidate;
import org.unrestwatch.coordination.CopyPrint;
import org.unrestwatch.coordination.WindowCoordination;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.region.Resolution;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.streams.PartialBatch;

/**
 * The latest protest post's event time (an alert's tipped_at), and the copy candidates and
 * coordination of #18: kept, merged and serialised everywhere windows go.
 */
class RegionWindowStatsCodecTest {
    static final long START = 1_762_560_000_000L;

    private static EnrichedPost post(String id, long time, boolean protest) {
        return new EnrichedPost(id, time, time, "acct-" + id, false, "PK-PB", Resolution.EXPLICIT, new int[] {1}, 2.0,
                protest, List.of("dharna"));
    }

    private static RegionWindowStats window(EnrichedPost... posts) {
        RegionWindowStats w = new RegionWindowStats(START, 1);
        Arrays.stream(posts).forEach(w::add);
        return w;
    }

    private static RegionWindowStats roundTrip(RegionWindowStats w) {
        BinaryWriter out = new BinaryWriter(64);
        RegionWindowStats.CODEC.write(w, out);
        return RegionWindowStats.CODEC.read(new BinaryReader(out.toByteArray()));
    }

    @Test
    void latestProtestPostIsKeptMergedAndSerialised() {
        RegionWindowStats a = window(post("1", START + 1_000, true), post("2", START + 9_000, false), post("3", START + 4_000, true));
        assertEquals(OptionalLong.of(START + 4_000), a.latestProtestEventMs(), "the latest protest post, not the latest post");
        RegionWindowStats b = window(post("4", START + 7_000, true));
        b.merge(a);
        assertEquals(OptionalLong.of(START + 7_000), b.latestProtestEventMs(), "merge keeps the later of the two");
        assertEquals(OptionalLong.empty(), window(post("5", START, false)).latestProtestEventMs(), "none without protest posts");

        assertEquals(OptionalLong.of(START + 7_000), roundTrip(b).latestProtestEventMs());
        assertEquals(OptionalLong.empty(), roundTrip(window(post("6", START, false))).latestProtestEventMs());

        BinaryWriter out = new BinaryWriter(64);
        PartialBatch.CODEC.write(new PartialBatch(0, START, START, false, List.of(new PartialBatch.TickPartial(START, b))), out);
        assertEquals(OptionalLong.of(START + 7_000), PartialBatch.CODEC.read(new BinaryReader(out.toByteArray()))
                .partials().get(0).stats().latestProtestEventMs(), "through PartialBatch");
    }

    @Test
    void windowsWrittenBeforeVersion3ReadAsUnknownAndStaySo() {
        RegionWindowStats protest = v2RoundTrip(window(post("1", START + 1_000, true)));
        assertEquals(1, protest.protestPosts());
        assertEquals(OptionalLong.empty(), protest.latestProtestEventMs(), "counted before the time was kept: unknown");
        protest.merge(window(post("2", START + 500, true)));
        assertEquals(OptionalLong.empty(), protest.latestProtestEventMs(),
                "still unknown: the earlier post might not be the latest");
        RegionWindowStats fresh = window(post("5", START + 3_000, true));
        fresh.merge(v2RoundTrip(window(post("6", START + 1_000, true))));
        assertEquals(OptionalLong.empty(), fresh.latestProtestEventMs(), "whichever side is unknown");

        RegionWindowStats quiet = v2RoundTrip(window(post("3", START + 1_000, false)));
        quiet.merge(window(post("4", START + 2_000, true)));
        assertEquals(OptionalLong.of(START + 2_000), quiet.latestProtestEventMs(), "no protest post before: known");
    }

    /** Writes {@code w} (no candidates, no coordination) as version 2 did: version 4 without its last three fields. */
    private static RegionWindowStats v2RoundTrip(RegionWindowStats w) {
        BinaryWriter out = new BinaryWriter(64);
        w.write(out);
        byte[] v4 = out.toByteArray();
        BinaryWriter last = new BinaryWriter(16);
        last.writeVarLong(w.latestProtestEventMs().orElse(Long.MIN_VALUE)).writeVarInt(0);
        WindowCoordination.NONE.write(last);
        byte[] v2 = Arrays.copyOf(v4, v4.length - last.toByteArray().length);
        assertEquals(4, v2[0]);
        v2[0] = 2;
        return RegionWindowStats.read(new BinaryReader(v2));
    }

    private static EnrichedPost printed(String id, long time, String account, String text) {
        return new EnrichedPost(id, time, time, account, false, "PK-PB", Resolution.EXPLICIT, new int[] {1}, 2.0, true, List.of("dharna"),
                CopyPrint.of(text, true));
    }

    @Test
    void copyCandidatesTravelInEventTimeOrderWhateverTheOrderOfMerging() {
        String call = "sab log kal subah press club pohnchein dharna jari rahega";
        RegionWindowStats a = window(printed("3", START + 3_000, "x", call), printed("1", START + 1_000, "y", call));
        RegionWindowStats b = window(printed("2", START + 2_000, "z", call + " zaroor"));
        RegionWindowStats ab = roundTrip(a);
        ab.merge(roundTrip(b));
        RegionWindowStats ba = roundTrip(b);
        ba.merge(roundTrip(a));
        List<CopyCandidate> first = roundTrip(ab).takeCandidates();
        assertEquals(List.of("1", "2", "3"), first.stream().map(CopyCandidate::postId).toList(), "event-time order");
        assertEquals(first.stream().map(c -> c.account() + c.print().text()).toList(),
                ba.takeCandidates().stream().map(c -> c.account() + c.print().text()).toList(), "whatever the order of merging");
        assertArrayEquals(CopyPrint.of(call, true).signature(), first.get(0).print().signature(), "the signature survives the codec");
        assertEquals(3, ab.takeCandidates().size());
        assertEquals(List.of(), ab.takeCandidates(), "taken out: the window keeps none");

        // Beyond the cap, the earliest are kept whatever the split between partitions and the order of merging.
        String longText = call + " aur sab apne doston ko bhi saath layen";
        RegionWindowStats left = new RegionWindowStats(START, 1);
        RegionWindowStats right = new RegionWindowStats(START, 1);
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 3 * RegionWindowStats.MAX_CANDIDATES; i++) {
            (random.nextBoolean() ? left : right).add(printed("q" + i, START + random.nextInt(300_000), "a" + i, longText));
        }
        RegionWindowStats lr = roundTrip(left);
        lr.merge(roundTrip(right));
        RegionWindowStats rl = roundTrip(right);
        rl.merge(roundTrip(left));
        List<CopyCandidate> kept = lr.takeCandidates();
        assertEquals(RegionWindowStats.MAX_CANDIDATES, kept.size());
        assertEquals(kept.stream().map(CopyCandidate::postId).toList(), rl.takeCandidates().stream().map(CopyCandidate::postId).toList());
        long latestKept = kept.get(kept.size() - 1).timeMs();
        assertTrue(kept.stream().allMatch(k -> k.timeMs() <= latestKept), "the earliest");

        WindowCoordination c = new WindowCoordination(7, 2, new WindowCoordination.Largest(5, 6, 0.5, 0.84, call, START, List.of("x", "y")));
        ab.setCoordination(c);
        assertEquals(c, roundTrip(ab).coordination());
    }
}
