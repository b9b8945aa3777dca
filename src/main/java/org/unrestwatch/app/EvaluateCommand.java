package org.unrestwatch.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.rules.FileRulesSource;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.evaluate.NabScorer;
import org.unrestwatch.evaluate.NabSeries;
import org.unrestwatch.evaluate.NabWindows;
import org.unrestwatch.evaluate.OnlineEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs the topology's detector over NAB-format count series and, given NAB's windows, scores it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run the detector (same class, same configuration as the topology) online over NAB-format CSV files",
            "(timestamp,value per bucket) and write timestamp,value,anomaly_score,alert per input row.",
            "With --windows (NAB's combined_windows.json) print the NAB score per file and combined."})
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(arity = "1..*", paramLabel = "CSV", description = "NAB data files.")
    List<Path> files;

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Where to write <name>.results.csv (default: no files).")
    Path outDir;

    @Option(names = "--windows", paramLabel = "JSON", description = "NAB combined_windows.json, to score the results.")
    Path windows;

    @Override
    public Integer call() throws IOException {
        DetectorConfig config = options.load();
        DetectionRules rules = FileRulesSource.rulesFrom(config);
        OnlineEvaluator evaluator = new OnlineEvaluator(rules);
        NabWindows labels = windows == null ? null : NabWindows.read(windows);
        List<NabScorer.Result> results = new ArrayList<>();
        for (Path file : files) {
            NabSeries series = NabSeries.read(file);
            OnlineEvaluator.Row[] rows = evaluator.run(series);
            if (outDir != null) {
                write(outDir.resolve(series.name().replaceAll("\\.csv$", "") + ".results.csv"), rows);
            }
            if (labels != null) {
                boolean[] alerts = new boolean[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    alerts[i] = rows[i].alert();
                }
                results.add(NabScorer.score(series.name(), series.timestamps(), alerts, labels.forFile(series.name()),
                        NabScorer.Profile.STANDARD));
            }
        }
        if (!results.isEmpty()) {
            System.out.println(report(results));
        }
        return 0;
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

    /** A table: per file and combined, normalised standard-profile score and what went into it. */
    public static String report(List<NabScorer.Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %8s %8s %8s %5s %5s %10s%n", "series", "NAB std", "raw", "windows",
                "hit", "FP", "FP cost"));
        NabScorer.Result total = null;
        for (NabScorer.Result r : results) {
            sb.append(line(r));
            total = total == null ? r : total.plus(r);
        }
        sb.append(line(total));
        return sb.toString();
    }

    private static String line(NabScorer.Result r) {
        return String.format(Locale.ROOT, "%-28s %8.1f %8.2f %8d %5d %5d %10.2f%n", r.name(), r.normalised(), r.raw(),
                r.windows(), r.detected(), r.falsePositives(), -r.falsePositiveCost());
    }
}
