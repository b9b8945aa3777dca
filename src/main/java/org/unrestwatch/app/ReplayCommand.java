package org.unrestwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
            description = "Shift every created_at (and account.created_at) by whole windows so that the latest post is dated"
                    + " within a window of now (keeps the spacing and where windows are cut).")
    boolean shiftToNow;

    /**
     * The shift rounded down to whole windows: windows are cut at the same places in the posts, so a
     * shifted replay gives the same alerts, shifted (an account's posts per window, and so its
     * hyperactivity, depend on where windows are cut). The latest post lands within a window of now.
     */
    static long wholeWindows(long shiftMs, DetectorConfig config) {
        long window = config.getDuration("window.size").toMillis();
        return Math.floorDiv(shiftMs, window) * window;
    }

    private static String startOf(ScenarioRecord record) {
        String text = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // The file first: a mistake in it is found before waiting for a broker.
        if (Files.isDirectory(file)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), file.toAbsolutePath() + " is a folder: replay takes a file of"
                    + " JSON lines, one post per line (e.g. from 'generate')");
        }
        if (!Files.isRegularFile(file)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file: " + file.toAbsolutePath());
        }
        if (!(rate >= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 (as fast as possible) or more, not " + rate);
        }
        List<ScenarioRecord> records = new ArrayList<>();
        List<Integer> notPosts = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        int lineNo = 0;
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            // Line by line as bytes, each checked as UTF-8 on its own: an error names its own line.
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);
            for (int b = in.read(); b != -1 || line.size() > 0; b = in.read()) {
                if (b != -1 && b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNo++;
                byte[] bytes = line.toByteArray();
                line.reset();
                try {
                    if (utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString().isBlank()) {
                        continue;
                    }
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), file + ": line " + lineNo
                            + " is not UTF-8 text; replay takes JSON lines, one post per line (e.g. from 'generate')");
                }
                ScenarioRecord record = PostReplayer.recordOf(bytes);
                if (record.malformed()) {
                    notPosts.add(lineNo);
                } else {
                    latest = Math.max(latest, record.eventTimeMs());
                }
                records.add(record);
                if (b == -1) {
                    break;
                }
            }
        }
        if (records.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), file + " has no lines but blank ones: replay takes JSON"
                    + " lines, one post per line (e.g. from 'generate')");
        }
        if (notPosts.size() == records.size()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "none of the " + records.size() + " lines of " + file
                    + " is a JSON post with a created_at (the first: '" + startOf(records.get(0)) + "'); replay takes JSON lines,"
                    + " one post per line (e.g. from 'generate')");
        }
        if (!notPosts.isEmpty()) {
            System.err.printf("warning: %d of %d lines of %s are not JSON posts with a created_at (lines %s): they are sent as they are,"
                            + " and the detector will put them in its dead-letter topic with the reason%n", notPosts.size(), records.size(), file,
                    notPosts.size() <= 10 ? notPosts.toString().replaceAll("[\\[\\]]", "")
                            : notPosts.subList(0, 10).toString().replaceAll("[\\[\\]]", "") + ", ...");
        }
        DetectorConfig config = options.load();
        TopicAdmin.checkReachable(config, Duration.ofSeconds(30));
        for (String created : TopicAdmin.ensureTopics(config, Duration.ofSeconds(30))) {
            System.err.printf("created topic %s: it did not exist at %s (a detector creates its topics when it starts: is topic.* right?)%n",
                    created, config.bootstrapServers());
        }
        long shift = shiftToNow && latest != Long.MIN_VALUE ? wholeWindows(System.currentTimeMillis() - latest, config) : 0;
        String posts = Topics.from(config).posts().name();
        try (PostReplayer replayer = new PostReplayer(config.bootstrapServers(), posts, config.kafkaSettings())) {
            long sent = replayer.replay(records, 0, rate, shift, () -> false);
            System.err.printf("sent %d records from %s to %s at %s%s%n", sent, file, posts, config.bootstrapServers(),
                    notPosts.isEmpty() ? "" : " (" + notPosts.size() + " of them not posts)");
        }
        return 0;
    }
}
