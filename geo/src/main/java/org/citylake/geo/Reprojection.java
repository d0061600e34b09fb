package org.citylake.geo;

import java.util.Locale;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.geometry.jts.JTS;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Geometry;

/**
 * Reprojects JTS geometries from one coordinate reference system to another, both named by EPSG
 * code ({@code EPSG:25832}), with GeoTools.
 *
 * <p>Axis order is always x first: longitude/latitude for geographic systems ({@code EPSG:4326} is
 * lon/lat here, as in WKT and GeoJSON, never the lat/lon of the EPSG registry), easting/northing
 * for projected ones. Datum shifts are lenient: ETRS89 and WGS84 are taken as the same datum (they
 * differ by well under a metre in Europe). Instances are immutable and safe to share.
 */
public final class Reprojection {

    /** WGS84 longitude/latitude, the CRS of every geometry in the lake. */
    public static final String WGS84 = "EPSG:4326";

    private final String source;
    private final String target;
    private final MathTransform transform;

    private Reprojection(String source, String target, MathTransform transform) {
        this.source = source;
        this.target = target;
        this.transform = transform;
    }

    /**
     * @throws IllegalArgumentException when a code is not a known EPSG code
     */
    public static Reprojection between(String sourceCode, String targetCode) {
        String source = normalise(sourceCode);
        String target = normalise(targetCode);
        try {
            MathTransform transform =
                    CRS.findMathTransform(decode(source), decode(target), /* lenient */ true);
            return new Reprojection(source, target, transform);
        } catch (FactoryException e) {
            throw new IllegalArgumentException(
                    "no transformation from " + source + " to " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /** From {@code sourceCode} to WGS84 lon/lat. */
    public static Reprojection toWgs84(String sourceCode) {
        return between(sourceCode, WGS84);
    }

    public String source() {
        return source;
    }

    public String target() {
        return target;
    }

    public Reprojection inverse() {
        return between(target, source);
    }

    /**
     * The geometry in the target CRS (a new geometry; the argument is not changed).
     *
     * @throws IllegalArgumentException when a coordinate cannot be transformed (e.g. outside the
     *     valid area of the source CRS)
     */
    public Geometry apply(Geometry geometry) {
        if (transform.isIdentity()) {
            return geometry.copy();
        }
        try {
            return JTS.transform(geometry, transform);
        } catch (TransformException e) {
            throw new IllegalArgumentException(
                    "cannot transform "
                            + geometry.getGeometryType()
                            + " from "
                            + source
                            + " to "
                            + target
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * {@code EPSG:nnnn} from {@code epsg:nnnn}, {@code nnnn} or the GeoJSON forms {@code
     * urn:ogc:def:crs:EPSG::nnnn} and {@code urn:ogc:def:crs:OGC:1.3:CRS84} (= WGS84 lon/lat).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static String normalise(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("no CRS code given (expected e.g. EPSG:4326)");
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        if (c.equals("URN:OGC:DEF:CRS:OGC:1.3:CRS84") || c.equals("CRS84")) {
            return WGS84;
        }
        String digits;
        if (c.startsWith("URN:OGC:DEF:CRS:EPSG:")) {
            digits = c.substring(c.lastIndexOf(':') + 1);
        } else if (c.startsWith("EPSG:")) {
            digits = c.substring(5);
        } else {
            digits = c;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(
                    "'" + code + "' is not an EPSG code (expected e.g. EPSG:25832)");
        }
        return "EPSG:" + digits;
    }

    private static CoordinateReferenceSystem decode(String code) {
        try {
            return CRS.decode(code, /* longitudeFirst */ true);
        } catch (FactoryException e) {
            throw new IllegalArgumentException(
                    "unknown coordinate reference system " + code + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source + " -> " + target;
    }
}
