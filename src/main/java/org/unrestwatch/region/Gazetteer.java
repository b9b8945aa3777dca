package org.unrestwatch.region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.unrestwatch.config.CsvFile;

/**
 * Places from the GeoNames gazetteer in {@code config/gazetteer/} (CC BY 4.0, "GeoNames,
 * geonames.org"). Rows whose admin-1 code has no region in the catalog are skipped.
 */
public final class Gazetteer {
    private final List<Place> places;

    public Gazetteer(List<Place> places) {
        this.places = List.copyOf(places);
    }

    public static Gazetteer load(Path file, RegionCatalog catalog) {
        List<Place> places = new ArrayList<>();
        for (CsvFile.Row row : CsvFile.read(file, "name", "ascii_name", "alternate_names", "lat", "lon", "admin1_code", "population")) {
            Region region = catalog.byAdmin1(row.require("admin1_code"));
            if (region == null) {
                continue;
            }
            double lat = row.requireDouble("lat");
            double lon = row.requireDouble("lon");
            if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                throw row.error("coordinates out of range: " + lat + ", " + lon);
            }
            String pop = row.get("population");
            long population = pop.isEmpty() ? 0 : Long.parseLong(pop);
            List<String> names = new ArrayList<>();
            names.add(row.require("name"));
            names.add(row.get("ascii_name"));
            for (String alt : row.get("alternate_names").split("\\|")) {
                if (isUsableAlternateName(alt)) {
                    names.add(alt);
                }
            }
            places.add(new Place(row.require("name"), names, lat, lon, region, population));
        }
        return new Gazetteer(places);
    }

    /**
     * Alternate names in Latin or Arabic script only (what people in the region write), and not
     * airport codes or fragments: three-letter upper-case codes like "LHE" would match words.
     */
    static boolean isUsableAlternateName(String alt) {
        String s = alt.trim();
        if (s.length() < 3 || s.matches("[A-Z0-9]{3,4}")) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(cp);
                if (script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.ARABIC) {
                    return false;
                }
            }
        }
        return true;
    }

    public List<Place> places() {
        return places;
    }
}
