package org.unrestwatch.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.CsvFile;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.enrich.EnrichedPost;
import org.unrestwatch.lexicon.TextNormaliser;
import org.unrestwatch.post.ParseResult;
import org.unrestwatch.streams.DetectorParts;
import org.unrestwatch.testutil.TestKeys;
import org.unrestwatch.testutil.TestPosts;

/**
 * Every regional capital and major city resolves, as a post's {@code place}, from each of its Latin
 * and Urdu-script names, through the resolver the topology builds from the shipped {@code config/}.
 * The list is {@code src/test/resources/region/major-cities.csv}.
 */
class MajorCitiesResolveTest {
    private static final DetectorParts PARTS = DetectorParts.from(
            DetectorConfig.of(Path.of("config"), Map.of("alerts.pseudonym.key", TestKeys.PSEUDONYM)), new SimpleMeterRegistry());
    private static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("config/regions.csv"));
    private static final Gazetteer GAZETTEER = Gazetteer.load(Path.of("config/gazetteer/pk_places.csv"), CATALOG);
    private static final List<City> CITIES = load();

    /**
     * Names that GeoNames itself gives to places in two regions; the listed city must still win
     * (it is the most populous of them, which the resolution test checks). Keys are normalised.
     */
    private static final Set<String> KNOWN_AMBIGUOUS = Set.of(
            "mirpur"); // New Mirpur (AJK); also an alternate name of Mirpur Mathelo (Sindh)

    record City(String region, String kind, List<String> latin, List<String> urdu, int line) {
        List<String> names() {
            List<String> all = new ArrayList<>(latin);
            all.addAll(urdu);
            return all;
        }
    }

    private static List<City> load() {
        try (InputStream in = MajorCitiesResolveTest.class.getResourceAsStream("/region/major-cities.csv")) {
            List<City> cities = new ArrayList<>();
            for (CsvFile.Row row : CsvFile.read(in, "major-cities.csv", "region", "kind", "latin", "urdu")) {
                cities.add(new City(row.require("region"), row.require("kind"),
                        List.of(row.require("latin").split("\\|")), List.of(row.require("urdu").split("\\|")), row.line()));
            }
            return cities;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnrichedPost postPlacedAt(String place) {
        long now = System.currentTimeMillis();
        byte[] post = TestPosts.post("p1", now, "acct-1", "کراچی میں آج جلسہ ہے").place(place).bytes();
        ParseResult parsed = PARTS.parser().parse(post, now);
        assertTrue(parsed.isValid(), () -> parsed.rejection() + ": " + place);
        return PARTS.enricher().enrich(parsed.post(), now);
    }

    @Test
    void everyCapitalAndMajorCityResolvesFromItsLatinAndUrduNames() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (City city : CITIES) {
            for (String name : city.latin()) {
                for (String place : List.of(name, name + ", Pakistan")) {
                    checked += check(city, place, failures);
                }
            }
            for (String name : city.urdu()) {
                for (String place : List.of(name, name + "، پاکستان", arabicLetterForms(name))) {
                    checked += check(city, place, failures);
                }
            }
        }
        assertTrue(checked >= 250, "list too short: " + checked);
        assertEquals(List.of(), failures, failures.size() + " of " + checked + " places did not resolve");
    }

    /** The name as typed on an Arabic keyboard: ي for ی, ك for ک, ه for ہ and ھ. */
    private static String arabicLetterForms(String urdu) {
        return urdu.replace('\u06CC', '\u064A').replace('\u06A9', '\u0643').replace('\u06C1', '\u0647').replace('\u06BE', '\u0647');
    }

    private static int check(City city, String place, List<String> failures) {
        EnrichedPost p = postPlacedAt(place);
        if (!p.region().equals(city.region()) || p.resolution() != Resolution.PLACE) {
            failures.add("line " + city.line() + ": '" + place + "' -> " + p.region() + " (" + p.resolution() + "), expected " + city.region());
        }
        return 1;
    }

    @Test
    void theListHasTheCapitalOfEveryRegionAndBothScriptsForEveryCity() {
        Set<String> withCapital = new TreeSet<>();
        for (City city : CITIES) {
            assertTrue(CATALOG.byCode(city.region()) != null, "line " + city.line() + ": no region " + city.region());
            assertTrue(Set.of("capital", "city").contains(city.kind()), "line " + city.line() + ": kind " + city.kind());
            if (city.kind().equals("capital")) {
                assertTrue(withCapital.add(city.region()), "two capitals for " + city.region());
            }
            city.latin().forEach(n -> assertTrue(n.matches("[A-Za-z .'-]+"), "line " + city.line() + ": not Latin: " + n));
            city.urdu().forEach(n -> assertTrue(n.codePoints().filter(Character::isLetter)
                    .allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC), "line " + city.line() + ": not Urdu: " + n));
        }
        Set<String> all = new TreeSet<>();
        CATALOG.regions().forEach(r -> all.add(r.code()));
        assertEquals(all, withCapital);
        assertTrue(CITIES.size() >= 30, "at least the ~30 largest cities and the capitals");
    }

    /**
     * No listed name is also the name of a gazetteer place or region alias in another region, with
     * or without its spaces: adding a name to one place must not pull posts from another region.
     */
    @Test
    void noListedNameAlsoNamesAPlaceInAnotherRegion() {
        TextNormaliser normaliser = TextNormaliser.basic();
        List<String> collisions = new ArrayList<>();
        for (City city : CITIES) {
            for (String name : city.names()) {
                String key = normaliser.normalise(name);
                String joined = key.replace(" ", "");
                if (KNOWN_AMBIGUOUS.contains(key)) {
                    continue;
                }
                for (Place place : GAZETTEER.places()) {
                    for (String other : place.names()) {
                        String otherKey = normaliser.normalise(other);
                        if ((otherKey.equals(key) || otherKey.replace(" ", "").equals(joined)) && !place.region().code().equals(city.region())) {
                            collisions.add("'" + name + "' (" + city.region() + ") is also '" + other + "', " + place.name() + " in " + place.region().code());
                        }
                    }
                }
                CATALOG.aliases().forEach((region, aliases) -> aliases.forEach(alias -> {
                    String aliasKey = normaliser.normalise(alias);
                    if ((aliasKey.equals(key) || aliasKey.replace(" ", "").equals(joined)) && !region.code().equals(city.region())) {
                        collisions.add("'" + name + "' (" + city.region() + ") is also an alias of " + region.code());
                    }
                }));
            }
        }
        assertEquals(List.of(), collisions);
    }
}
