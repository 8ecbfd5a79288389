package io.newswatch.taxonomy;

/**
 * A point on the map, in decimal degrees (WGS 84).
 *
 * @param lat latitude, -90 to 90
 * @param lon longitude, -180 to 180
 */
public record Coordinates(double lat, double lon) {}
