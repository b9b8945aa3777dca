package org.unrestwatch.app;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the demo scenario as JSON lines, one record per line, in event-time order. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the deterministic scenario (quiet, ruling, surge, calm) as JSON lines.")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2025-11-08T06:00:00Z", paramLabel = "INSTANT",
            description = "Event time of the first window, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws IOException {
        java.util.List<ScenarioRecord> records = new ScenarioGenerator(seed, start).generate();
        try (OutputStream stream = new BufferedOutputStream(out == null ? System.out : Files.newOutputStream(out))) {
            for (ScenarioRecord r : records) {
                stream.write(r.value());
                stream.write('\n');
            }
        }
        if (out != null) { // on standard output the records are the answer; to a file, say what was written
            System.err.printf("wrote %d records (seed %d, event time from %s) to %s; send them with: replay %s%n", records.size(), seed,
                    start, out, out);
        }
        return 0;
    }
}
