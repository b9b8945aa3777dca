package org.unrestwatch.region;

import java.util.List;

/** A gazetteer place: names, point, the region it lies in, and population (0 when unknown). */
public record Place(String name, List<String> names, double lat, double lon, Region region, long population) {
}
