package org.citylake.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.wololo.jts2geojson.GeoJSONReader;

/**
 * A GeoJSON FeatureCollection read into JTS geometries and text properties, with the CRS the file
 * declares.
 *
 * <p>The CRS is the legacy {@code crs} member ({@code {"type":"name","properties":{"name":
 * "EPSG:25832"}}}) many municipal exports still carry; without one the coordinates are WGS84
 * lon/lat, as RFC 7946 says. Coordinates are returned as written: reproject with {@link
 * Reprojection}.
 *
 * @param crs EPSG code of the coordinates, e.g. {@code EPSG:25832}
 * @param features the features, in file order
 */
public record GeoJsonFeatures(String crs, List<Feature> features) {

    /**
     * One feature.
     *
     * @param properties the properties as text (numbers and booleans as written; null as null)
     * @param geometry its geometry in {@link GeoJsonFeatures#crs()}
     */
    public record Feature(Map<String, String> properties, Geometry geometry) {

        /** A property that must be present and not blank. */
        public String require(String name, String where) {
            String value = properties.get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        where
                                + ": property '"
                                + name
                                + "' is missing or empty; properties: "
                                + properties.keySet());
            }
            return value;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param where names the source in error messages (e.g. the file name)
     * @throws IOException when it is not JSON
     * @throws IllegalArgumentException when it is not a FeatureCollection, or a feature has no
     *     geometry
     */
    public static GeoJsonFeatures read(Reader reader, String where) throws IOException {
        JsonNode root = JSON.readTree(reader);
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
            throw new IllegalArgumentException(where + ": not a GeoJSON FeatureCollection");
        }
        String crs = Reprojection.WGS84;
        JsonNode crsName = root.path("crs").path("properties").path("name");
        if (crsName.isTextual()) {
            crs = Reprojection.normalise(crsName.asText());
        }
        GeoJSONReader geometries = new GeoJSONReader();
        List<Feature> features = new ArrayList<>();
        int i = 0;
        for (JsonNode f : root.path("features")) {
            i++;
            JsonNode geometry = f.get("geometry");
            if (geometry == null || geometry.isNull()) {
                throw new IllegalArgumentException(where + ": feature " + i + " has no geometry");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            f.path("properties")
                    .fields()
                    .forEachRemaining(
                            p ->
                                    properties.put(
                                            p.getKey(),
                                            p.getValue().isNull() ? null : p.getValue().asText()));
            features.add(new Feature(properties, geometries.read(geometry.toString())));
        }
        return new GeoJsonFeatures(crs, List.copyOf(features));
    }
}
