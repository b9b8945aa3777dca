package org.unrestwatch.region;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
    void nothingUsableIsUnknown() {
        RegionResolver.Result r = resolver.resolve(null, Double.NaN, Double.NaN, "the moon");
        assertEquals(Region.UNKNOWN.code(), r.region().code());
        assertEquals(Resolution.UNKNOWN, r.how());
    }
}
