package org.citylake.geo;

import org.citylake.model.MetricCrs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * The UTM zone (WGS84, standard 6° zones) of a WGS84 lon/lat position: the metric CRS CityLake
 * measures lengths and areas of a city in. Within a city (tens of km) UTM lengths differ from
 * geodesic ones by well under 0.1 %.
 */
public final class UtmZone {

    private UtmZone() {}

    /**
     * {@code EPSG:326zz} north of the equator, {@code EPSG:327zz} south; zone 1..60 (the rule of a
     * city's default CRS, {@link MetricCrs#utm}).
     */
    public static String epsgCode(double lon, double lat) {
        return MetricCrs.utm(lon, lat);
    }

    /** The zone of the centre of a WGS84 envelope. */
    public static String epsgCode(Envelope wgs84) {
        Coordinate centre = wgs84.centre();
        return epsgCode(centre.x, centre.y);
    }

    /** WGS84 lon/lat → the UTM zone of the envelope's centre. */
    public static Reprojection projectionFor(Envelope wgs84) {
        return Reprojection.between(Reprojection.WGS84, epsgCode(wgs84));
    }
}
