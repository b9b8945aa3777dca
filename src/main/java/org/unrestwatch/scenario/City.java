package org.unrestwatch.scenario;

/** A city the scenario posts from: names in Latin and Urdu script, a point, its region. */
record City(String name, String urdu, double lat, double lon, String region) {
}
