package org.unrestwatch.detect;

import org.unrestwatch.serde.BinaryReader;
import org.unrestwatch.serde.BinaryWriter;

/**
 * What a region has seen: for runs of one, a few and many consecutive windows ({@link Novelty#spans}),
 * the most posts any such run held in each of its last {@link Novelty#memoryBlocks} days. Raw posts,
 * not posts over the hour's factor, nor records per part of the day: both scored lower on the
 * corpus (docs/detection.md, "Novelty"); a count test twice its threshold is never vetoed, so a
 * burst at a quiet hour is not shut by the region's evening record. The novelty
 * test asks whether the run ending now is bigger than anything of its length the region had in that
 * time: a familiar burst (the region's routine) is not, a novel surge is.
 *
 * <p>A run enters the records only {@link Novelty#lagWindows} windows after it ended, so a surge under
 * way is never compared with its own first windows; and only if every window of it was learnable
 * ({@link Learn}: no story was open when it closed; or it opened a story that was over by the time it
 * matured, so a routine burst that opened one becomes familiar while a protest that lasted, and the
 * next wave of it, do not). The days are counted in closed windows from the region's first: a gap
 * longer than the seven days RegionDetector fills with empty windows shifts them. Fixed size: a ring of the last lag + longest-span counts and
 * one maximum per span per day; a few hundred bytes serialised.
 */
final class RunRecords {
    /** Whether a closed window's runs may teach the records. */
    enum Learn {
        /** A window inside a story: never (one protest does not make the next wave familiar). */
        NEVER,
        /** A window with no story open. */
        YES,
        /**
         * The window that opened a story: only if the story is over when the window matures, so a
         * burst that came and went becomes familiar while a protest that lasted does not.
         */
        IF_STORY_OVER
    }

    private static final Learn[] LEARN = Learn.values();

    /** The last counts, newest at {@code next - 1}, with whether each may teach the records. */
    private double[] counts = new double[0];
    private Learn[] learnable = new Learn[0];
    private int next;
    /** Windows closed so far (the index of the next one). */
    private long closed;
    /** Per span, per day slot: the largest run sum that matured that day; {@code blockOf} names the day a slot holds. */
    private double[][] dayMax = new double[0][0];
    private long[] blockOf = new long[0];
    /** Matured windows folded into the records (learnable or not), for the minimum history. */
    private long matured;

    /**
     * A window closed with {@code count} posts; {@code learn}: whether its runs may become familiar;
     * {@code storyOpen}: whether the region has a story open now (after this window's verdict).
     */
    void close(double count, Learn learn, boolean storyOpen, Novelty n) {
        shape(n);
        counts[next] = count;
        learnable[next] = learn;
        next = (next + 1) % counts.length;
        closed++;
        long maturedIndex = closed - 1 - n.lagWindows();
        if (maturedIndex < 0) {
            return;
        }
        matured++;
        int back = n.lagWindows(); // the matured window sits this many places before the newest
        int at = slot(back);
        if (learnable[at] == Learn.IF_STORY_OVER) {
            learnable[at] = storyOpen ? Learn.NEVER : Learn.YES; // decided once, as it matures
        }
        if (learnable[at] != Learn.YES) {
            return;
        }
        long block = maturedIndex / n.blockWindows();
        int day = (int) Math.floorMod(block, (long) n.memoryBlocks());
        if (blockOf[day] != block) {
            blockOf[day] = block;
            for (double[] perSpan : dayMax) {
                perSpan[day] = -1;
            }
        }
        for (int s = 0; s < n.spans().length; s++) {
            double sum = sumEndingAt(back, n.spans()[s]);
            if (sum >= 0 && allLearnable(back, n.spans()[s])) {
                dayMax[s][day] = Math.max(dayMax[s][day], sum);
            }
        }
    }

    /** Every window of the run of {@code span} ending {@code back} places before the newest may teach (none from a story). */
    private boolean allLearnable(int back, int span) {
        for (int i = 0; i < span; i++) {
            if (learnable[slot(back + i)] != Learn.YES) {
                return false;
            }
        }
        return true;
    }

    /** Whether the records were kept with these settings' shape (a changed span, lag or memory starts them afresh at the next close). */
    private boolean fits(Novelty n) {
        return counts.length == n.lagWindows() + n.longestSpan() && dayMax.length == n.spans().length && blockOf.length == n.memoryBlocks();
    }

    /**
     * The run of {@code span} windows ending with an open window of {@code observed} posts: its sum,
     * the region's record for that span, and their log ratio (with the baseline's count offset);
     * {@code known} is false while the region has too little history to say.
     */
    Novelty.Run run(int spanIndex, long observed, Novelty n, double countOffset) {
        int span = n.spans()[spanIndex];
        if (!fits(n)) {
            return new Novelty.Run(span, observed, -1, Double.NaN);
        }
        double sum = observed;
        for (int i = 0; i < span - 1 && i < Math.min(closed, counts.length); i++) {
            sum += counts[slot(i)];
        }
        double record = record(spanIndex, n);
        boolean known = matured >= n.minHistoryWindows() && record >= 0 && closed >= span - 1;
        long posts = Math.round(sum);
        long most = Math.round(record);
        double score = known ? Math.log(posts + countOffset) - Math.log(most + countOffset) : Double.NaN;
        return new Novelty.Run(span, posts, known ? most : -1, score);
    }

    /** The largest matured run of this span within the memory, or -1 with none. */
    private double record(int spanIndex, Novelty n) {
        if (dayMax.length == 0) {
            return -1;
        }
        long newestBlock = closed - 1 - n.lagWindows() < 0 ? -1 : (closed - 1 - n.lagWindows()) / n.blockWindows();
        double best = -1;
        for (int d = 0; d < blockOf.length; d++) {
            if (blockOf[d] >= 0 && blockOf[d] > newestBlock - n.memoryBlocks()) {
                best = Math.max(best, dayMax[spanIndex][d]);
            }
        }
        return best;
    }

    /** The ring slot {@code back} places before the newest count (0: the newest). */
    private int slot(int back) {
        return Math.floorMod(next - 1 - back, counts.length);
    }

    /** Sum of the {@code span} counts ending {@code back} places before the newest; -1 when not all are there. */
    private double sumEndingAt(int back, int span) {
        if (closed < back + span) {
            return -1;
        }
        double sum = 0;
        for (int i = 0; i < span; i++) {
            sum += counts[slot(back + i)];
        }
        return sum;
    }

    /** First use, or the novelty settings changed shape: start afresh. */
    private void shape(Novelty n) {
        int ring = n.lagWindows() + n.longestSpan();
        if (fits(n)) {
            return;
        }
        counts = new double[ring];
        learnable = new Learn[ring];
        java.util.Arrays.fill(learnable, Learn.NEVER);
        next = 0;
        closed = 0;
        matured = 0;
        dayMax = new double[n.spans().length][n.memoryBlocks()];
        blockOf = new long[n.memoryBlocks()];
        java.util.Arrays.fill(blockOf, -1);
    }

    void write(BinaryWriter out) {
        out.writeVarInt(counts.length).writeVarInt(next).writeVarLong(closed).writeVarLong(matured);
        for (int i = 0; i < counts.length; i++) {
            out.writeDouble(counts[i]).writeByte(learnable[i].ordinal());
        }
        out.writeVarInt(dayMax.length).writeVarInt(blockOf.length);
        for (int d = 0; d < blockOf.length; d++) {
            out.writeVarLong(blockOf[d] + 1);
            for (double[] perSpan : dayMax) {
                out.writeDouble(perSpan[d]);
            }
        }
    }

    static RunRecords read(BinaryReader in) {
        RunRecords r = new RunRecords();
        int ring = in.readVarInt();
        r.next = in.readVarInt();
        r.closed = in.readVarLong();
        r.matured = in.readVarLong();
        r.counts = new double[ring];
        r.learnable = new Learn[ring];
        for (int i = 0; i < ring; i++) {
            r.counts[i] = in.readDouble();
            int learn = in.readByte();
            if (learn < 0 || learn >= LEARN.length) {
                throw new IllegalStateException("run records: learn flag " + learn + " out of range");
            }
            r.learnable[i] = LEARN[learn];
        }
        int spans = in.readVarInt();
        int days = in.readVarInt();
        r.dayMax = new double[spans][days];
        r.blockOf = new long[days];
        for (int d = 0; d < days; d++) {
            r.blockOf[d] = in.readVarLong() - 1;
            for (int s = 0; s < spans; s++) {
                r.dayMax[s][d] = in.readDouble();
            }
        }
        return r;
    }
}
