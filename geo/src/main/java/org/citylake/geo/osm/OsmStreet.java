package org.citylake.geo.osm;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One street way of an OSM extract: a way with a {@code highway} tag, its tags that matter for
 * street lighting and its geometry.
 *
 * @param osmId the OSM way id
 * @param name the {@code name} tag, or null
 * @param highway the {@code highway} value (the road class), e.g. {@code residential}
 * @param lit the {@code lit} tag as written ({@code yes}, {@code no}, {@code 24/7}, ...), or null
 *     when untagged
 * @param lanes the {@code lanes} tag when it is a whole number
 * @param widthM the {@code width} tag in metres when it can be read ({@link OsmTags#widthMeters})
 * @param lons longitudes of the way's nodes, WGS84, in way order
 * @param lats latitudes of the way's nodes, WGS84, in way order
 * @param lengthM the length of the polyline in the city's metric CRS, metres
 */
public record OsmStreet(
        long osmId,
        String name,
        String highway,
        String lit,
        OptionalInt lanes,
        OptionalDouble widthM,
        double[] lons,
        double[] lats,
        double lengthM) {

    public OsmStreet {
        if (lons.length != lats.length || lons.length < 2) {
            throw new IllegalArgumentException(
                    "way " + osmId + " needs at least two positions, got " + lons.length);
        }
    }

    /** Number of nodes. */
    public int size() {
        return lons.length;
    }

    /** The way as WKT, {@code LINESTRING (lon lat, ...)}. */
    public String wkt() {
        StringBuilder s = new StringBuilder(24 * lons.length + 12).append("LINESTRING (");
        for (int i = 0; i < lons.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(lons[i]).append(' ').append(lats[i]);
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsmStreet w
                && osmId == w.osmId
                && java.util.Objects.equals(name, w.name)
                && highway.equals(w.highway)
                && java.util.Objects.equals(lit, w.lit)
                && lanes.equals(w.lanes)
                && widthM.equals(w.widthM)
                && Arrays.equals(lons, w.lons)
                && Arrays.equals(lats, w.lats)
                && lengthM == w.lengthM;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(osmId) * 31 + Arrays.hashCode(lons);
    }

    @Override
    public String toString() {
        return "OsmStreet[" + osmId + " " + highway + " " + name + ", " + lengthM + " m]";
    }
}
