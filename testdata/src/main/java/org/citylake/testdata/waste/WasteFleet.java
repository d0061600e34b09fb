package org.citylake.testdata.waste;

import java.util.List;

/**
 * Ids and published or assumed figures of a city's waste fleet: one vehicle per collection round,
 * depots, disposal sites.
 *
 * <p><b>Vehicle.</b> Litter bins are emptied by small refuse collection vehicles: {@value
 * #VEHICLE_CAPACITY_KG} kg payload and a {@value #VEHICLE_CAPACITY_L} l body, the figures of the
 * 7.5-tonne class of narrow-body refuse collection vehicles (body 5–7 m³, payload 2–3 t in the
 * class's manufacturer sheets). This is an assumption: the Edinburgh records name no truck.
 *
 * <p><b>Disposal sites</b> take what a household waste recycling centre takes; the opening hours
 * ({@value #OPENING_HOURS}, OSM {@code opening_hours} syntax) are an assumption too.
 */
public final class WasteFleet {

    /** Payload of a 7.5 t small refuse collection vehicle, kg (assumption, see class doc). */
    public static final double VEHICLE_CAPACITY_KG = 2_500;

    /** Body volume of the same vehicle, litres (assumption, see class doc). */
    public static final double VEHICLE_CAPACITY_L = 7_000;

    /** Opening hours of a disposal site, OSM opening_hours syntax (assumption). */
    public static final String OPENING_HOURS = "Mo-Su 08:00-19:30";

    /** What a disposal site accepts besides the bins' own categories. */
    public static final List<String> HOUSEHOLD_CATEGORIES =
            List.of("Recycling", "Glass", "Garden", "Bulky");

    /** Vehicles one depot serves; a fleet gets {@code ceil(vehicles / 25)} depots (assumption). */
    public static final int VEHICLES_PER_DEPOT = 25;

    /**
     * Vehicles per disposal site: {@code ceil(vehicles / 5)} sites, so Edinburgh's 6 rounds get 2
     * (assumption; the city runs 3 household recycling centres for the whole city).
     */
    public static final int VEHICLES_PER_DISPOSAL_SITE = 5;

    private WasteFleet() {}

    /** {@code urn:ngsi-ld:Vehicle:<city>:<round>}: the truck of a collection round. */
    public static String vehicleId(String city, String round) {
        return "urn:ngsi-ld:Vehicle:" + city + ":" + round;
    }

    /** {@code urn:ngsi-ld:WasteDepot:<city>:depot-<n>}, n from 1. */
    public static String depotId(String city, int n) {
        return "urn:ngsi-ld:WasteDepot:" + city + ":depot-" + n;
    }

    /** {@code urn:ngsi-ld:DisposalSite:<city>:site-<n>}, n from 1. */
    public static String disposalSiteId(String city, int n) {
        return "urn:ngsi-ld:DisposalSite:" + city + ":site-" + n;
    }

    public static int depots(int vehicles) {
        return Math.max(1, (vehicles + VEHICLES_PER_DEPOT - 1) / VEHICLES_PER_DEPOT);
    }

    public static int disposalSites(int vehicles) {
        return Math.max(
                1, (vehicles + VEHICLES_PER_DISPOSAL_SITE - 1) / VEHICLES_PER_DISPOSAL_SITE);
    }
}
