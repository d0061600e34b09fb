package org.citylake.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/** WKT, the form geometries take in the lake's tables and in SQL. */
public final class Wkt {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Wkt() {}

    /**
     * Parses WKT.
     *
     * @param what names the value in the error message, e.g. {@code "segment 158324"}
     * @throws IllegalArgumentException naming {@code what} when the text is null, blank or not WKT
     */
    public static Geometry read(String wkt, String what) {
        if (wkt == null || wkt.isBlank()) {
            throw new IllegalArgumentException(what + ": no geometry (WKT is empty)");
        }
        try {
            return new WKTReader(FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    what + ": '" + abbreviate(wkt) + "' is not valid WKT: " + e.getMessage(), e);
        }
    }

    /** The geometry as WKT, full double precision, e.g. {@code POINT (10.2 56.1)}. */
    public static String write(Geometry geometry) {
        return new WKTWriter().write(geometry);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
