package org.unrestwatch.testutil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.config.CsvFile;

/** Real Roman Urdu tweets (RUHSOLD, MIT; see src/test/resources/ruhsold/README.md): organic text, as people write it. */
public final class RealTweets {
    private static List<String> texts;

    private RealTweets() {
    }

    /** The texts (CsvFile skips lines starting with '#' as comments: a few hashtag-led tweets are left out). */
    public static synchronized List<String> ruhsold() {
        if (texts == null) {
            List<String> read = new ArrayList<>();
            for (var row : CsvFile.read(Path.of("src/test/resources/ruhsold/ruhsold_task1.csv"), "text")) {
                read.add(row.require("text"));
            }
            texts = List.copyOf(read);
        }
        return texts;
    }
}
