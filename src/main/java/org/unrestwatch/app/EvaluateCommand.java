package org.unrestwatch.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unrestwatch.config.ConfigException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.evaluate.NabScorer;
import org.unrestwatch.evaluate.NabSeries;
import org.unrestwatch.evaluate.NabWindows;
import org.unrestwatch.evaluate.Corpus;
import org.unrestwatch.evaluate.FirstDays;
import org.unrestwatch.evaluate.LeaveOneOut;
import org.unrestwatch.evaluate.OnlineEvaluator;
import org.unrestwatch.evaluate.Sensitivity;
import org.unrestwatch.evaluate.SeriesScores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the topology's detector over NAB-format count series and, given NAB's windows, scores it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run the detector online over count series (NAB-format CSV) and score it against labelled windows.",
            "The same class and configuration as the topology, over files of timestamp,value per bucket; writes",
            "timestamp,value,anomaly_score,alert per input row.",
            "With --windows (NAB's combined_windows.json) print the NAB score per file and combined;",
            "with --corpus also on each file thinned to 1/10 and 1/50 and on generated series families, a table per family;",
            "with --leave-one-out also the leave-one-series-out table, with --sensitivity the +/-25%% table.",
            "Each file's windows follow its buckets (5 minutes, 30 minutes, ...), inferred from its timestamps."})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "CSV", description = "NAB data files.")
    List<Path> files;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write <name>.results.csv (default: no files).")
    Path outDir;

    @Option(names = "--windows", paramLabel = "JSON", description = "NAB combined_windows.json, to score the results; repeatable (each file's windows are looked up in all).")
    List<Path> windows = new ArrayList<>();

    @Option(names = "--drops", paramLabel = "JSON", description = "Which labelled windows are drops, not surges (NAB windows format); the tables then also "
            + "give the score with the drops set aside.")
    Path drops;

    @Option(names = "--corpus", description = "Evaluate the development corpus: the files, each thinned to 1/10 and 1/50 of its counts, and the "
            + "generated series families; a table per family (a file's family is its folder's name). Needs --windows.")
    boolean corpus;

    @Option(names = "--leave-one-out", description = "For each file: choose the --tune settings on the other files, score it; print the folds and their combined score.")
    boolean leaveOneOut;

    @Option(names = "--tune", paramLabel = "KEY=V1,V2,...", description = "A setting and the values leave-one-out chooses among; repeatable (default: "
            + "detect.open.margin=1.2,1.3,1.4 and detect.open.score.min=1.5,2.0,3.0).")
    Map<String, String> tune = new LinkedHashMap<>();

    @Option(names = "--first-days", paramLabel = "N", description = "Also score each series' first N days apart from the rest (no probation in either part): how a young region does.")
    Integer firstDays;

    @Option(names = "--sensitivity", description = "Print the combined score with each detection default moved by -25%% and +25%%.")
    boolean sensitivity;

    @Override
    public Integer call() throws IOException {
        DetectorConfig config = options.load();
        Map<String, List<String>> grid = tune.isEmpty() ? LeaveOneOut.DEFAULT_GRID : LeaveOneOut.grid(tune);
        checkUsage(config, grid);
        SeriesScores.BucketRules rules = new SeriesScores.BucketRules(config);
        List<NabWindows> labels = windows.stream().map(NabWindows::read).toList();
        NabWindows dropLabels = drops == null ? null : NabWindows.read(drops);
        List<SeriesScores.Labelled> data = new ArrayList<>();
        for (Path file : files) {
            NabSeries series = NabSeries.read(file);
            String family = corpus ? folderOf(file) : "series";
            List<NabWindows.Window> labelled = labels.isEmpty() ? List.of() : windowsFor(labels, series.name());
            List<NabWindows.Window> dropped = dropLabels == null ? List.of() : dropLabels.find(series.name()).orElse(List.of());
            for (NabWindows.Window w : dropped) {
                if (!labelled.contains(w)) {
                    throw new ConfigException(drops + ": " + series.name() + " has no labelled window " + w + " to call a drop");
                }
            }
            data.add(new SeriesScores.Labelled(series, labelled, dropped, family, series.name()));
        }
        if (corpus) {
            data = Corpus.of(data);
        }
        List<NabScorer.Result> results = new ArrayList<>();
        List<NabScorer.Result> surges = new ArrayList<>();
        List<FirstDays.Split> young = new ArrayList<>();
        for (SeriesScores.Labelled d : data) {
            OnlineEvaluator.Row[] rows = rules.evaluator(d.series()).run(d.series());
            if (outDir != null) {
                write(outDir.resolve(d.series().name().replaceAll("\\.csv$", "").replace('/', '-') + ".results.csv"), rows);
            }
            if (!labels.isEmpty()) {
                results.add(SeriesScores.score(rows, d));
                surges.add(Corpus.scoreWithoutDrops(rows, d));
                if (firstDays != null) {
                    young.add(FirstDays.score(rows, d, firstDays));
                }
            }
        }
        if (!results.isEmpty()) {
            System.out.println(corpus || drops != null ? familyReport(data, results, surges) : report(results));
        }
        if (firstDays != null) {
            System.out.println(firstDaysReport(data, young, firstDays));
        }
        if (leaveOneOut) {
            System.out.println(report(LeaveOneOut.run(config, grid, data), results));
        }
        if (sensitivity) {
            System.out.println(report(Sensitivity.run(config, Sensitivity.KEYS, data), SeriesScores.combined(results)));
        }
        return 0;
    }

    private static String folderOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "series" : parent.getFileName().toString();
    }

    private static List<NabWindows.Window> windowsFor(List<NabWindows> labels, String fileName) {
        for (NabWindows l : labels) {
            var found = l.find(fileName);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ConfigException("no labelled windows for " + fileName + " in the --windows files");
    }

    /** Option combinations and every --tune value are checked before anything runs. */
    private void checkUsage(DetectorConfig config, Map<String, List<String>> grid) {
        CommandLine cmd = new CommandLine(this);
        if ((leaveOneOut || sensitivity || corpus || drops != null || firstDays != null) && windows.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "--leave-one-out, --sensitivity, --corpus, --drops and --first-days need --windows");
        }
        if (firstDays != null && firstDays < 1) {
            throw new CommandLine.ParameterException(cmd, "--first-days must be at least 1, not " + firstDays);
        }
        if (!tune.isEmpty() && !leaveOneOut) {
            throw new CommandLine.ParameterException(cmd, "--tune only applies to --leave-one-out");
        }
        if (windows.isEmpty() && outDir == null) {
            throw new CommandLine.ParameterException(cmd, "nothing to show: give --windows (NAB's labels, to score the series) or"
                    + " --out-dir (to write each series' scores and alerts), or both");
        }
        if (leaveOneOut && files.size() < 2) {
            throw new CommandLine.ParameterException(cmd, "--leave-one-out needs at least two series (one to hold out, one to choose on)");
        }
        if (leaveOneOut) {
            grid.forEach((key, values) -> values.forEach(value -> {
                try {
                    FileRulesSource.rulesFrom(config.with(Map.of(key, value)));
                } catch (ConfigException e) {
                    throw new ConfigException("--tune " + key + "=" + value + ": " + e.getMessage(), e);
                }
            }));
        }
    }

    public static String report(LeaveOneOut.Report r, List<NabScorer.Result> shipped) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Leave-one-series-out (%d candidate configurations; each fold chooses without the held-out series "
                + "and its thinned copies)%n", r.candidates()));
        sb.append(String.format(Locale.ROOT, "| held out | family | chosen on the others | their combined score | held-out score | hit | FP | shipped config on it |%n"));
        sb.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        List<String> families = r.folds().stream().map(LeaveOneOut.Fold::family).toList();
        Map<String, List<Integer>> byFamily = SeriesScores.byFamily(families);
        for (int i = 0; i < r.folds().size(); i++) {
            LeaveOneOut.Fold f = r.folds().get(i);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %d/%d | %d | %.1f |%n", f.heldOut(), f.family(), settings(f.chosen()),
                    f.training().normalised(), f.result().normalised(), f.result().detected(), f.result().windows(),
                    f.result().falsePositives(), shipped.get(i).normalised()));
        }
        NabScorer.Result c = r.combined();
        NabScorer.Result s = SeriesScores.combined(shipped);
        sb.append(String.format(Locale.ROOT, "| **combined** | | | | **%.1f** | %d/%d | %d | %.1f |%n", c.normalised(), c.detected(), c.windows(),
                c.falsePositives(), s.normalised()));
        if (byFamily.size() > 1) {
            sb.append("\n| family | held-out score | hit | FP | shipped config |\n|---|---:|---:|---:|---:|\n");
            byFamily.forEach((family, members) -> {
                NabScorer.Result h = SeriesScores.combined(members.stream().map(i -> r.folds().get(i).result()).toList());
                NabScorer.Result sh = SeriesScores.combined(members.stream().map(shipped::get).toList());
                sb.append(String.format(Locale.ROOT, "| %s | %.1f | %d/%d | %d | %.1f |%n", family, h.normalised(), h.detected(), h.windows(),
                        h.falsePositives(), sh.normalised()));
            });
        }
        sb.append(String.format(Locale.ROOT, "In-sample: shipped configuration %.1f; best candidate on all series %.1f (%s)%n",
                s.normalised(), r.inSampleBestResult().normalised(), settings(r.inSampleBest())));
        if (byFamily.size() > 1) {
            sb.append(String.format(Locale.ROOT, "Family mean (each family weighs the same): held out %.1f, shipped configuration %.1f%n",
                    SeriesScores.familyBalanced(r.folds().stream().map(LeaveOneOut.Fold::result).toList(), families),
                    SeriesScores.familyBalanced(shipped, families)));
        }
        return sb.toString();
    }

    /** Per family (and per series of the families with labelled windows early on): the first days beside the rest. */
    public static String firstDaysReport(List<SeriesScores.Labelled> data, List<FirstDays.Split> splits, int days) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "The first %d days apart from the rest (NAB standard, no probation"
                + " in either part; a part without labelled windows has no score)%n", days));
        sb.append(String.format(Locale.ROOT, "| family or series | first %d days | hit | FP | the rest | hit | FP |%n", days));
        sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Integer>> byFamily = SeriesScores.byFamily(data.stream().map(SeriesScores.Labelled::family).toList());
        byFamily.forEach((family, members) -> {
            NabScorer.Result first = SeriesScores.combined(members.stream().map(i -> splits.get(i).first()).toList());
            NabScorer.Result rest = SeriesScores.combined(members.stream().map(i -> splits.get(i).rest()).toList());
            sb.append(firstDaysLine("**" + family + "**", first, rest));
            if (first.windows() > 0) {
                for (int i : members) {
                    if (splits.get(i).first().windows() > 0) {
                        sb.append(firstDaysLine(data.get(i).series().name(), splits.get(i).first(), splits.get(i).rest()));
                    }
                }
            }
        });
        return sb.toString();
    }

    private static String firstDaysLine(String name, NabScorer.Result first, NabScorer.Result rest) {
        return String.format(Locale.ROOT, "| %s | %s | %d/%d | %d | %s | %d/%d | %d |%n", name, scoreOf(first), first.detected(), first.windows(),
                first.falsePositives(), scoreOf(rest), rest.detected(), rest.windows(), rest.falsePositives());
    }

    private static String scoreOf(NabScorer.Result r) {
        return r.windows() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.normalised());
    }

    public static String report(List<Sensitivity.Row> rows, NabScorer.Result shipped) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sensitivity (combined NAB standard; shipped configuration %.1f)%n", shipped.normalised()));
        sb.append("| setting | default | -25% | score | +25% | score |\n|---|---:|---:|---:|---:|---:|\n");
        for (Sensitivity.Row row : rows) {
            String key = row.key().equals("detect.calibration.quantile") ? row.key() + " (its tail share 1 - q moves)" : row.key();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", key, row.value(), row.lower().value(),
                    side(row.lower()), row.upper().value(), side(row.upper())));
        }
        return sb.toString();
    }

    private static String side(Sensitivity.Side side) {
        if (side.result() == null) {
            return side.refused().equals(Sensitivity.Side.UNMOVED) ? side.refused() : "refused: " + side.refused().replace('|', '/');
        }
        NabScorer.Result r = side.result();
        return String.format(Locale.ROOT, "%.1f (%d/%d, %d FP)", r.normalised(), r.detected(), r.windows(), r.falsePositives());
    }

    private static String settings(Map<String, String> chosen) {
        StringBuilder sb = new StringBuilder();
        chosen.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k.replaceFirst("^detect\\.", "")).append('=').append(v));
        return sb.toString();
    }

    static void write(Path file, OnlineEvaluator.Row[] rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("timestamp,value,anomaly_score,alert");
            for (OnlineEvaluator.Row r : rows) {
                out.printf(Locale.ROOT, "%s,%d,%.4f,%d%n", NabSeries.formatTime(r.timestamp()), r.value(), r.anomalyScore(), r.alert() ? 1 : 0);
            }
        }
    }

    /**
     * The corpus: a table per family (each series, the family combined), then one line per family
     * and the corpus combined, each also with the drops set aside ({@link Corpus#scoreWithoutDrops}).
     */
    public static String familyReport(List<SeriesScores.Labelled> data, List<NabScorer.Result> results, List<NabScorer.Result> surges) {
        List<String> families = data.stream().map(SeriesScores.Labelled::family).toList();
        Map<String, List<Integer>> byFamily = SeriesScores.byFamily(families);
        StringBuilder sb = new StringBuilder();
        byFamily.forEach((family, members) -> {
            sb.append("Family: ").append(family).append('\n');
            sb.append(report(members.stream().map(results::get).toList()));
        });
        sb.append("\n| family | series | NAB standard | windows | hit | FP | drops | without drops |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byFamily.forEach((family, members) -> sb.append(familyLine(family, members, data, results, surges)));
        List<Integer> all = java.util.stream.IntStream.range(0, data.size()).boxed().toList();
        sb.append(familyLine("**corpus combined**", all, data, results, surges));
        sb.append(String.format(Locale.ROOT, "| **family mean** (what leave-one-out chooses by) | | %.1f | | | | | %.1f |%n",
                SeriesScores.familyBalanced(results, families), SeriesScores.familyBalanced(surges, families)));
        return sb.toString();
    }

    private static String familyLine(String family, List<Integer> members, List<SeriesScores.Labelled> data,
                                     List<NabScorer.Result> results, List<NabScorer.Result> surges) {
        NabScorer.Result r = SeriesScores.combined(members.stream().map(results::get).toList());
        NabScorer.Result s = SeriesScores.combined(members.stream().map(surges::get).toList());
        int drops = members.stream().mapToInt(i -> data.get(i).drops().size()).sum();
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d | %d | %.1f |%n", family, members.size(), r.normalised(),
                r.windows(), r.detected(), r.falsePositives(), drops, s.normalised());
    }

    /** A table: per file and combined, normalised standard-profile score and what went into it. */
    public static String report(List<NabScorer.Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-40s %8s %8s %8s %5s %5s %10s%n", "series", "NAB std", "raw", "windows",
                "hit", "FP", "FP cost"));
        results.forEach(r -> sb.append(line(r)));
        sb.append(line(SeriesScores.combined(results)));
        return sb.toString();
    }

    private static String line(NabScorer.Result r) {
        return String.format(Locale.ROOT, "%-40s %8.1f %8.2f %8d %5d %5d %10.2f%n", r.name(), r.normalised(), r.raw(),
                r.windows(), r.detected(), r.falsePositives(), -r.falsePositiveCost());
    }
}
