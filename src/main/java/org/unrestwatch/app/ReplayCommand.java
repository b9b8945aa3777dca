package org.unrestwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.unrestwatch.streams.Topics;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.scenario.ScenarioRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends a JSON-lines file into the posts topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send a JSON-lines file of posts (one per line) into the posts topic, keyed by account id.")
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "FILE", description = "JSON lines, e.g. from 'generate'.")
    Path file;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N",
            description = "At most N records per second (0 = as fast as possible).")
    double rate;

    @Option(names = "--shift-to-now",
            description = "Shift every created_at so that the latest post is dated now (keeps the spacing).")
    boolean shiftToNow;

    @Override
    public Integer call() throws IOException {
        DetectorConfig config = options.load();
        TopicAdmin.checkReachable(config, Duration.ofSeconds(30));
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        List<ScenarioRecord> records = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        try (Stream<String> lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isBlank()) {
                    continue;
                }
                ScenarioRecord record = PostReplayer.recordOf(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                latest = Math.max(latest, record.eventTimeMs());
                records.add(record);
            }
        }
        long shift = shiftToNow && latest != Long.MIN_VALUE ? System.currentTimeMillis() - latest : 0;
        String posts = Topics.from(config).posts().name();
        try (PostReplayer replayer = new PostReplayer(config.bootstrapServers(), posts, config.kafkaSettings())) {
            long sent = replayer.replay(records, 0, rate, shift, () -> false);
            System.err.printf("sent %d records from %s to %s at %s%n", sent, file, posts, config.bootstrapServers());
        }
        return 0;
    }
}
