package org.unrestwatch.region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * Finds a post's region, most trustworthy evidence first: an explicit known ISO 3166-2 code; else
 * the nearest gazetteer place to the geo point, within {@code maxDistanceKm}; else a gazetteer or
 * region name found in the free-text place (longest match, then largest population); else
 * {@link Region#UNKNOWN}.
 */
public final class RegionResolver {
    private static final double EARTH_RADIUS_KM = 6371.0088;
    private static final double CELL_DEGREES = 0.5;
    private static final int MAX_NGRAM = 4;

    public record Result(Region region, Resolution how) {
    }

    private final RegionCatalog catalog;
    private final double maxDistanceKm;
    private final TextNormaliser normaliser = TextNormaliser.basic();
    private final Map<Long, List<Place>> grid = new HashMap<>();
    private final Map<String, NameTarget> names = new HashMap<>();
    private final Result unknown = new Result(Region.UNKNOWN, Resolution.UNKNOWN);

    /** What a name points at; region aliases rank above any place of the same name. */
    private record NameTarget(Region region, long rank) {
    }

    public RegionResolver(RegionCatalog catalog, Gazetteer gazetteer, double maxDistanceKm) {
        this.catalog = catalog;
        this.maxDistanceKm = maxDistanceKm;
        for (Place place : gazetteer.places()) {
            grid.computeIfAbsent(cell(cellOf(place.lat()), cellOf(place.lon())), k -> new ArrayList<>()).add(place);
            for (String name : place.names()) {
                addName(name, new NameTarget(place.region(), place.population()));
            }
        }
        catalog.aliases().forEach((region, aliases) -> {
            for (String alias : aliases) {
                addName(alias, new NameTarget(region, Long.MAX_VALUE));
            }
        });
    }

    private void addName(String name, NameTarget target) {
        String key = normaliser.normalise(name);
        if (key.isEmpty()) {
            return;
        }
        names.merge(key, target, (a, b) -> a.rank() >= b.rank() ? a : b);
    }

    public Result resolve(String explicitCode, double lat, double lon, String placeText) {
        Region explicit = catalog.byCode(explicitCode);
        if (explicit != null) {
            return new Result(explicit, Resolution.EXPLICIT);
        }
        if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
            Place nearest = nearest(lat, lon);
            if (nearest != null) {
                return new Result(nearest.region(), Resolution.GEO);
            }
        }
        if (placeText != null && !placeText.isBlank()) {
            Region named = byName(placeText);
            if (named != null) {
                return new Result(named, Resolution.PLACE);
            }
        }
        return unknown;
    }

    /** The nearest place within the configured distance, or null. */
    public Place nearest(double lat, double lon) {
        int reach = (int) Math.ceil(maxDistanceKm / (111.0 * CELL_DEGREES * Math.max(0.2, Math.cos(Math.toRadians(lat))))) ;
        int latCell = cellOf(lat);
        int lonCell = cellOf(lon);
        Place best = null;
        double bestKm = maxDistanceKm;
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                List<Place> cell = grid.get(cell(latCell + dy, lonCell + dx));
                if (cell == null) {
                    continue;
                }
                for (Place p : cell) {
                    double km = haversineKm(lat, lon, p.lat(), p.lon());
                    if (km <= bestKm) {
                        bestKm = km;
                        best = p;
                    }
                }
            }
        }
        return best;
    }

    /** The region named in free text: the longest word n-gram that is a known name. */
    public Region byName(String text) {
        String[] words = normaliser.normalise(text).split(" ");
        for (int n = Math.min(MAX_NGRAM, words.length); n >= 1; n--) {
            NameTarget best = null;
            for (int start = 0; start + n <= words.length; start++) {
                NameTarget t = names.get(String.join(" ", java.util.Arrays.asList(words).subList(start, start + n)));
                if (t != null && (best == null || t.rank() > best.rank())) {
                    best = t;
                }
            }
            if (best != null) {
                return best.region();
            }
        }
        return null;
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }

    private static int cellOf(double degrees) {
        return (int) Math.floor(degrees / CELL_DEGREES);
    }

    private static long cell(int latCell, int lonCell) {
        return ((long) latCell << 32) ^ (lonCell & 0xFFFFFFFFL);
    }
}
