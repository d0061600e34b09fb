package org.citylake.model;

/** A city that is not in the registry, with how to register it. */
public final class UnknownCityException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String city;

    public UnknownCityException(String city) {
        super(hint(city));
        this.city = city;
    }

    public String city() {
        return city;
    }

    /** What to do about an unregistered city: the exact command, and the data alternative. */
    public static String hint(String city) {
        String id = city == null || city.isBlank() ? "<city>" : city;
        return "city '"
                + id
                + "' is not registered in ref.cities. Register it with\n"
                + "  citylake city add "
                + id
                + " --name NAME --time-zone ZONE --lon LON --lat LAT [--country CC] [--crs EPSG:CODE]\n"
                + "or with a line in <feeds>/"
                + id
                + "/ref/cities.jsonl loaded by `citylake ref load`:\n"
                + "  {\"city\":\""
                + id
                + "\",\"name\":\"NAME\",\"time_zone\":\"ZONE\",\"lon\":LON,\"lat\":LAT}\n"
                + "ZONE is an IANA time zone id, e.g. Australia/Sydney; LON/LAT the WGS84"
                + " centroid.";
    }

    /** The hint on one line, for a dead letter's detail. */
    public static String shortHint(String city) {
        String id = city == null || city.isBlank() ? "<city>" : city;
        return "register it with `citylake city add "
                + id
                + " --name NAME --time-zone ZONE --lon LON --lat LAT` or a line in <feeds>/"
                + id
                + "/ref/cities.jsonl + `citylake ref load`, then replay";
    }
}
