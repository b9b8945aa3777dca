package org.unrestwatch.region;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.unrestwatch.lexicon.TextNormaliser;

class RegionResolverTest {
    private static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("config/regions.csv"));
    private static final Gazetteer GAZETTEER = Gazetteer.load(Path.of("config/gazetteer/pk_places.csv"), CATALOG);
    private final RegionResolver resolver = new RegionResolver(CATALOG, GAZETTEER, 50);

    @Test
    void explicitKnownCodeWins() {
        RegionResolver.Result r = resolver.resolve("pk-sd", 31.558, 74.35, "Lahore");
        assertEquals("PK-SD", r.region().code());
        assertEquals(Resolution.EXPLICIT, r.how());
    }

    @Test
    void unknownExplicitCodeFallsThroughToGeo() {
        RegionResolver.Result r = resolver.resolve("PK-XX", 24.86, 67.01, null);
        assertEquals("PK-SD", r.region().code()); // Karachi
        assertEquals(Resolution.GEO, r.how());
    }

    @Test
    void geoPointResolvesToNearestPlaceWithinDistance() {
        assertEquals("PK-PB", resolver.resolve(null, 31.52, 74.40, null).region().code()); // near Lahore
        assertEquals("PK-IS", resolver.resolve(null, 33.70, 73.05, null).region().code()); // Islamabad
        assertEquals("PK-KP", resolver.resolve(null, 34.01, 71.58, null).region().code()); // Peshawar
        // the Arabian Sea, far from any place: no region from geo, nothing else to go on
        assertEquals(Resolution.UNKNOWN, resolver.resolve(null, 20.0, 62.0, null).how());
    }

    @Test
    void placeTextMatchesNamesAndAlternateNamesInBothScripts() {
        assertEquals("PK-SD", resolver.resolve(null, Double.NaN, Double.NaN, "Karachi, Pakistan").region().code());
        assertEquals("PK-PB", resolver.resolve(null, Double.NaN, Double.NaN, "لاہور").region().code());
        assertEquals("PK-PB", resolver.resolve(null, Double.NaN, Double.NaN, "Lyallpur").region().code()); // Faisalabad's old name
        assertEquals("PK-KP", resolver.resolve(null, Double.NaN, Double.NaN, "somewhere in KPK").region().code());
        assertEquals("PK-IS", resolver.resolve(null, Double.NaN, Double.NaN, "اسلام آباد").region().code());
        assertEquals(Resolution.PLACE, resolver.resolve(null, Double.NaN, Double.NaN, "Rawalpindi Cantt").how());
    }

    @Test
    void compoundNamesMatchWithASpaceAZeroWidthNonJoinerOrNothingBetweenTheirParts() {
        for (String islamabad : List.of("اسلام آباد", "اسلام\u200cآباد", "اسلامآباد", "Islam abad")) {
            assertEquals("PK-IS", resolver.resolve(null, Double.NaN, Double.NaN, islamabad).region().code(), islamabad);
        }
        for (String hyderabad : List.of("حیدرآباد", "حیدر آباد", "حیدر\u200cآباد، سندھ")) {
            assertEquals("PK-SD", resolver.resolve(null, Double.NaN, Double.NaN, hyderabad).region().code(), hyderabad);
        }
        assertEquals("PK-PB", resolver.resolve(null, Double.NaN, Double.NaN, "RahimYarKhan").region().code());
        assertEquals("PK-PB", resolver.resolve(null, Double.NaN, Double.NaN, "Arifwala").region().code());
        assertEquals("PK-BA", resolver.resolve(null, Double.NaN, Double.NaN, "Arif Wala").region().code());
        // run-together words never beat a name the words match as they are written
        assertEquals("PK-SD", resolver.resolve(null, Double.NaN, Double.NaN, "Mirpur Khas").region().code());
        assertEquals("PK-SD", resolver.resolve(null, Double.NaN, Double.NaN, "میر پور خاص").region().code());
    }

    /**
     * Removing spaces must not make the resolver guess between regions: where names of different
     * regions differ only in their spaces, the run-together form must itself be a written name, so
     * that every form matches exactly as before. (GeoNames has "Arifwala", Punjab, and "Arif Wala",
     * Balochistan: each still resolves to its own place.)
     */
    @Test
    void runningNamesTogetherMakesNoNameAmbiguousBetweenRegions() {
        TextNormaliser normaliser = TextNormaliser.basic();
        Map<String, Set<String>> regionsByKey = new HashMap<>();
        Map<String, Set<String>> keysByJoined = new HashMap<>();
        GAZETTEER.places().forEach(p -> p.names().forEach(n -> index(normaliser.normalise(n), p.region(), regionsByKey, keysByJoined)));
        CATALOG.aliases().forEach((r, aliases) -> aliases.forEach(a -> index(normaliser.normalise(a), r, regionsByKey, keysByJoined)));
        List<String> ambiguous = new ArrayList<>();
        keysByJoined.forEach((joined, keys) -> {
            Set<String> regions = new TreeSet<>();
            keys.forEach(k -> regions.addAll(regionsByKey.get(k)));
            if (regions.size() > 1 && !regionsByKey.containsKey(joined)) {
                ambiguous.add(keys + " -> " + regions);
            }
        });
        assertEquals(List.of(), ambiguous);
    }

    private static void index(String key, Region region, Map<String, Set<String>> regionsByKey, Map<String, Set<String>> keysByJoined) {
        if (!key.isEmpty()) {
            regionsByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(region.code());
            keysByJoined.computeIfAbsent(key.replace(" ", ""), k -> new TreeSet<>()).add(key);
        }
    }

    @Test
    void nothingUsableIsUnknown() {
        RegionResolver.Result r = resolver.resolve(null, Double.NaN, Double.NaN, "the moon");
        assertEquals(Region.UNKNOWN.code(), r.region().code());
        assertEquals(Resolution.UNKNOWN, r.how());
    }
}
