package org.unrestwatch.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.alert.TermSuggestion;
import org.unrestwatch.lexicon.Lexicon;
import org.unrestwatch.lexicon.LexiconEntry;
import org.unrestwatch.scenario.ScenarioGenerator;
import org.unrestwatch.scenario.ScenarioRecord;
import org.unrestwatch.testutil.DetectorFixture;

/**
 * Emerging terms through the whole topology, on the scenario: a new slogan ("qafila e insaf")
 * rises in Islamabad's surge. It is suggested for Islamabad within two windows of reaching 10
 * posts a window (issue #18's goal), with the command that would promote it; no suggestion is a
 * lexicon term; and switched off, nothing is suggested.
 */
class EmergingTermsOnTopologyTest {
    static final Instant START = Instant.parse("2025-11-08T06:00:00Z");
    static final long WINDOW = 300_000;

    @Test
    void theRisingSloganIsSuggestedInItsRegionWithinTwoWindowsOfTenPosts() throws Exception {
        List<ScenarioRecord> records = new ScenarioGenerator(42, START).generate();
        Map<Long, Integer> sloganPosts = new TreeMap<>();
        for (ScenarioRecord r : records) {
            if (r.malformed()) {
                continue;
            }
            JsonNode post = AlertJson.mapper().readTree(r.value());
            String text = post.path("text").asText().toLowerCase(java.util.Locale.ROOT);
            if (text.contains("qafila")) { // only Islamabad's posts carry it (located by code, point or place name)
                sloganPosts.merge(r.eventTimeMs() - Math.floorMod(r.eventTimeMs(), WINDOW), 1, Integer::sum);
            }
        }
        long reachedTen = sloganPosts.entrySet().stream().filter(e -> e.getValue() >= 10).mapToLong(Map.Entry::getKey).min()
                .orElseThrow(() -> new AssertionError("the scenario's slogan never reaches 10 posts a window: " + sloganPosts));

        List<TermSuggestion> suggested = run(records, Map.of());
        suggested.forEach(t -> System.out.println(t.region().code() + " " + t.window().start() + " " + t.term() + " " + t.count() + "/"
                + t.expected() + " score " + t.score() + " | " + t.example()));
        TermSuggestion first = suggested.stream().filter(t -> t.region().code().equals("PK-IS") && t.term().contains("qafila"))
                .min(java.util.Comparator.comparing(t -> t.window().start()))
                .orElseThrow(() -> new AssertionError("the slogan is never suggested: " + suggested));
        long suggestedIn = Instant.parse(first.window().start()).toEpochMilli();
        System.out.printf("slogan: 10 posts first in the window of %s, first suggested in the window of %s (%+d windows)%n",
                Instant.ofEpochMilli(reachedTen), first.window().start(), (suggestedIn - reachedTen) / WINDOW);
        assertTrue(suggestedIn <= reachedTen + 2 * WINDOW, "within 2 windows of reaching 10 posts a window: " + first);
        assertTrue(first.promote().startsWith("rules add-term --term '" + first.term() + "'") && first.promote().contains("--region PK-IS --author"),
                first.promote());
        assertTrue(first.example().contains("qafila"), first.example());
        assertTrue(first.count() >= RegionTerms.MIN_COUNT && first.score() >= 2.0, first.toString());
        assertEquals("PK-IS|" + first.term(), first.key());

        Set<String> lexicon = new HashSet<>();
        for (LexiconEntry e : Lexicon.load(Path.of("config/lexicon.csv")).entries()) {
            lexicon.add(e.normalised());
        }
        suggested.forEach(t -> assertFalse(lexicon.contains(t.term()), "a lexicon term is never suggested: " + t.term()));

        assertEquals(List.of(), run(records, Map.of("coordination.enabled", "false")), "switched off, nothing is suggested");
    }

    private static List<TermSuggestion> run(List<ScenarioRecord> records, Map<String, String> settings) {
        Instant wallClock = START.plus(ScenarioGenerator.totalDuration()).plusSeconds(60);
        try (DetectorFixture f = new DetectorFixture(wallClock, settings)) {
            for (ScenarioRecord r : records) {
                f.send(r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8), r.value());
            }
            f.settle();
            return f.terms.readValuesToList();
        }
    }
}
