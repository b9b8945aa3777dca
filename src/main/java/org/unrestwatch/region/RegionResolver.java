package org.unrestwatch.region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.unrestwatch.lexicon.TextNormaliser;

/**
 * Finds a post's region, most trustworthy evidence first: an explicit known ISO 3166-2 code; else
 * the nearest gazetteer place to the geo point, within {@code maxDistanceKm}; else a gazetteer or
 * region name found in the free-text place (longest match, then largest population); else
 * {@link Region#UNKNOWN}.
 *
 * <p>Names match after {@link TextNormaliser} (letter-form variants such as ي/ی, ك/ک, ه/ھ/ہ unified,
 * diacritics, hamza and madda dropped, a zero-width non-joiner read as a space). Urdu writes the
 * parts of a compound name with a space, a zero-width non-joiner or nothing between them
 * (اسلام آباد, اسلام‌آباد, اسلامآباد; حیدرآباد, حیدر آباد), and Latin names are run together too
 * ("RahimYarKhan", "D.G. Khan" for "DG Khan"): when no words match a name exactly, the same words
 * are tried with their spaces removed against the names with theirs removed.
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
    /** The same names with their spaces removed; consulted only where no exact name matches. */
    private final Map<String, NameTarget> joinedNames = new HashMap<>();
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
        names.forEach((key, target) -> joinedNames.merge(key.replace(" ", ""), target, RegionResolver::higherRank));
    }

    private void addName(String name, NameTarget target) {
        String key = normaliser.normalise(name);
        if (key.isEmpty()) {
            return;
        }
        names.merge(key, target, RegionResolver::higherRank);
    }

    private static NameTarget higherRank(NameTarget a, NameTarget b) {
        return a.rank() >= b.rank() ? a : b;
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

    /**
     * The region named in free text: the longest word n-gram that is a known name, or failing that
     * whose words run together are a known name run together.
     */
    public Region byName(String text) {
        List<String> words = Arrays.asList(normaliser.normalise(text).split(" "));
        for (int n = Math.min(MAX_NGRAM, words.size()); n >= 1; n--) {
            NameTarget best = bestNgram(words, n, names, " ");
            if (best == null) {
                best = bestNgram(words, n, joinedNames, "");
            }
            if (best != null) {
                return best.region();
            }
        }
        return null;
    }

    private static NameTarget bestNgram(List<String> words, int n, Map<String, NameTarget> index, String separator) {
        NameTarget best = null;
        for (int start = 0; start + n <= words.size(); start++) {
            NameTarget t = index.get(String.join(separator, words.subList(start, start + n)));
            if (t != null && (best == null || t.rank() > best.rank())) {
                best = t;
            }
        }
        return best;
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
