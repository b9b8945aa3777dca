package org.unrestwatch.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.region.Resolution;
import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;
import org.unrestwatch.streams.PartialBatch;

/** The latest protest post's event time (an alert's tipped_at): kept, merged and serialised everywhere windows go. */
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

    /** Writes {@code w} as version 2 did: version 3 without its last field. */
    private static RegionWindowStats v2RoundTrip(RegionWindowStats w) {
        BinaryWriter out = new BinaryWriter(64);
        w.write(out);
        byte[] v3 = out.toByteArray();
        BinaryWriter last = new BinaryWriter(16);
        last.writeVarLong(w.latestProtestEventMs().orElse(Long.MIN_VALUE));
        byte[] v2 = Arrays.copyOf(v3, v3.length - last.toByteArray().length);
        assertEquals(3, v2[0]);
        v2[0] = 2;
        return RegionWindowStats.read(new BinaryReader(v2));
    }
}
