package org.citylake.testdata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import org.citylake.geo.GeoJsonFeatures;
import org.citylake.geo.Reprojection;
import org.citylake.geo.Wkt;
import org.citylake.model.City;
import org.locationtech.jts.geom.Geometry;

/**
 * Aarhus districts ("lokalsamfund", 24 polygons) → {@code ref.districts}.
 *
 * <p>Reads {@code local_community.geojson(.gz)}, whose coordinates are in the CRS its {@code crs}
 * member names (EPSG:25832, ETRS89 / UTM 32N), and writes one row per feature: {@code district_id}
 * = property {@code lokalsamfund} (e.g. {@code 01}), {@code name} = {@code distrikt} (e.g. {@code
 * Midtbyen}), {@code geometry_wkt} = the polygon reprojected to WGS84 lon/lat, {@code area_km2} =
 * its area in the city's metric CRS (the registry's, EPSG:32632 for Aarhus).
 */
final class AarhusDistrictsConverter implements DatasetConverter {

    static final String FOLDER = "aarhus-districts";
    static final City CITY = BundledCities.AARHUS;
    static final String FILE = "local_community.geojson";
    static final String TABLE = "ref.districts";

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public City city() {
        return CITY;
    }

    @Override
    public List<ConvertedFile> convert(Path datasetDir, Path outDir) throws IOException {
        Path file = SourceFiles.require(datasetDir, FILE);
        GeoJsonFeatures features;
        try (Reader reader = SourceFiles.openReader(file)) {
            features = GeoJsonFeatures.read(reader, file.toString());
        }
        Reprojection toWgs84 = Reprojection.toWgs84(features.crs());
        Reprojection toMetric = Reprojection.between(Reprojection.WGS84, CITY.crs());
        RefRows rows = new RefRows(TABLE, CITY.id());
        int i = 0;
        for (GeoJsonFeatures.Feature f : features.features()) {
            String where = file + " feature " + ++i;
            Geometry wgs84 = toWgs84.apply(f.geometry());
            ObjectNode row = rows.cityRow();
            row.put("district_id", f.require("lokalsamfund", where));
            row.put("name", f.require("distrikt", where));
            row.put("geometry_wkt", Wkt.write(wgs84));
            row.put("area_km2", toMetric.apply(wgs84).getArea() / 1e6);
            rows.add(row);
        }
        return List.of(rows.write(outDir));
    }
}
