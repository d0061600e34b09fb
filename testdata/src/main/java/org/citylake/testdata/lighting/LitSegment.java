package org.citylake.testdata.lighting;

/**
 * A lit road segment ({@code ref.lit_segments}): one OSM way whose lamps the inventory placed.
 *
 * @param id {@code osm-way-<osm way id>}
 * @param name street name, or null
 * @param roadClass the OSM {@code highway} value
 * @param lit {@code yes} when the way is tagged lit, {@code assumed} when lit by its road class
 * @param lanes OSM lanes, or null
 * @param widthM carriageway width in metres, or null
 * @param lengthM length in the city's metric CRS, m
 * @param wkt LineString, WGS84 lon/lat, or null when not known
 * @param districtId the district holding the segment's middle, or null
 */
public record LitSegment(
        String id,
        String name,
        String roadClass,
        String lit,
        Integer lanes,
        Double widthM,
        double lengthM,
        String wkt,
        String districtId) {

    /** The segment id of an OSM way. */
    public static String idOf(long osmWayId) {
        return "osm-way-" + osmWayId;
    }
}
