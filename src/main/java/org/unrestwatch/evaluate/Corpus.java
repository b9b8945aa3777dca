package org.unrestwatch.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The development corpus every detection default is chosen on (docs/detection.md): labelled real
 * series, each also thinned to a tenth and a fiftieth of its traffic (a province with that share of
 * the posts must find the same surges), and the {@linkplain GeneratedFamilies generated families}.
 * A thinned copy keeps its source, so leave-one-out holds it out with its original.
 */
public final class Corpus {
    /** The shares of traffic the thinned copies keep: one post in 10, one in 50. */
    public static final int[] THINNING = {10, 50};
    /** Seeds per generated family. */
    public static final int SEEDS = 3;

    private Corpus() {
    }

    /** {@code given}, then each one's thinned copies (family "FAMILY 1/N"), then the generated families. */
    public static List<SeriesScores.Labelled> of(List<SeriesScores.Labelled> given) {
        List<SeriesScores.Labelled> out = new ArrayList<>(given);
        for (int oneIn : THINNING) {
            for (SeriesScores.Labelled d : given) {
                long seed = d.series().name().hashCode() * 31L + oneIn;
                out.add(d.on(d.series().thinned(oneIn, seed), d.family() + " 1/" + oneIn));
            }
        }
        out.addAll(GeneratedFamilies.series(SEEDS));
        return out;
    }

    /**
     * The score with the drops set aside: their windows unlabelled and detections inside them
     * ignored (neither credit nor cost), so the surges alone are judged. NAB labels drops too (the
     * taxi series' blizzard); an unrest detector looks for surges.
     */
    public static NabScorer.Result scoreWithoutDrops(OnlineEvaluator.Row[] rows, SeriesScores.Labelled d) {
        List<NabWindows.Window> drops = d.drops();
        List<NabWindows.Window> surges = d.windows().stream().filter(w -> !drops.contains(w)).toList();
        boolean[] alerts = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            long t = rows[i].timestamp();
            alerts[i] = rows[i].alert() && drops.stream().noneMatch(w -> t >= w.start() && t <= w.end());
        }
        return NabScorer.score(d.series().name(), d.series().timestamps(), alerts, surges, NabScorer.Profile.STANDARD);
    }

}
