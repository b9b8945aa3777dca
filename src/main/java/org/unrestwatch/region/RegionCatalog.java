package org.unrestwatch.region;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unrestwatch.config.CsvFile;
import org.unrestwatch.config.ConfigException;

/**
 * The region set, from {@code config/regions.csv}: ISO 3166-2 code, display name, the GeoNames
 * admin-1 code that maps gazetteer places onto it, and aliases (names people write, in any
 * script) for free-text place matching. Another country is another file.
 */
public final class RegionCatalog {
    private final Map<String, Region> byCode = new LinkedHashMap<>();
    private final Map<String, Region> byAdmin1 = new LinkedHashMap<>();
    private final Map<Region, List<String>> aliases = new LinkedHashMap<>();

    public static RegionCatalog load(Path file) {
        RegionCatalog catalog = new RegionCatalog();
        for (CsvFile.Row row : CsvFile.read(file, "code", "name", "geonames_admin1", "aliases")) {
            String code = row.require("code").toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}-[A-Z0-9]{1,3}")) {
                throw row.error("code '" + code + "' is not an ISO 3166-2 code like PK-PB");
            }
            Region region = new Region(code, row.require("name"));
            if (catalog.byCode.putIfAbsent(code, region) != null) {
                throw row.error("region " + code + " is listed twice");
            }
            catalog.byAdmin1.put(row.require("geonames_admin1"), region);
            List<String> names = new ArrayList<>();
            names.add(region.name());
            for (String alias : row.get("aliases").split("\\|")) {
                if (!alias.isBlank()) {
                    names.add(alias.trim());
                }
            }
            catalog.aliases.put(region, names);
        }
        if (catalog.byCode.isEmpty()) {
            throw new ConfigException(file + ": no regions");
        }
        return catalog;
    }

    /** The region with this ISO code, case-insensitive, or null. */
    public Region byCode(String code) {
        if (code == null) {
            return null;
        }
        Region r = byCode.get(code);
        return r != null ? r : byCode.get(code.trim().toUpperCase(Locale.ROOT));
    }

    public Region byAdmin1(String admin1) {
        return byAdmin1.get(admin1);
    }

    public Collection<Region> regions() {
        return byCode.values();
    }

    public Map<Region, List<String>> aliases() {
        return aliases;
    }

    /** Display name for a code, including "unknown". */
    public String nameOf(String code) {
        Region r = byCode(code);
        return r != null ? r.name() : Region.UNKNOWN.name();
    }
}
