package org.unrestwatch.detect;

/**
 * The novelty test: has this region seen a run like the one ending now? For each span (in windows:
 * one window, a quarter hour, the sustained hour), the run's posts against the most any run of that
 * length held in the region's last {@code memoryBlocks} days ({@link RunRecords}), as a log ratio:
 * 0 is "as big as its record", log 2 "twice its record". A run is <em>familiar</em> while every
 * span stays below {@code familiarBelow} (the region has had about as much before), <em>new</em>
 * from {@code openAbove}.
 *
 * <p>How it joins the count tests ({@link Method}): {@code COUNTS} ignores it; {@code NOVELTY}
 * opens on it alone (a new run, with the count floors and above expectation); {@code FUSION} lets
 * a count test open only when the run is not familiar, and a new run open with its count above
 * expectation even where no count test fired. While the region has fewer than
 * {@code minHistoryWindows} windows of records it cannot say, and only the count tests decide.
 *
 * @param blockWindows windows in a day (the records keep one maximum per span per day)
 * @param lagWindows   windows after which a run joins the records (so a surge is not compared with its own start)
 */
public record Novelty(Method method, int[] spans, int memoryBlocks, int blockWindows, int lagWindows, int minHistoryWindows,
                      double familiarBelow, double openAbove) {

    /** Which family of tests opens stories. */
    public enum Method { COUNTS, NOVELTY, FUSION }

    /** The run of {@code span} windows ending now: its posts, the region's record for that span (-1 unknown), their log ratio (NaN unknown). */
    public record Run(int span, long observed, long record, double score) {
        public boolean known() {
            return !Double.isNaN(score);
        }
    }

    int longestSpan() {
        int longest = 1;
        for (int s : spans) {
            longest = Math.max(longest, s);
        }
        return longest;
    }
}
