package org.citylake.ingest.parse;

import org.citylake.model.EntityType;

/**
 * {@code OffStreetParking} → {@code clean.parking}. The lot is the entity id; the observation time
 * is the first present of {@code dateObserved}, {@code observationDateTime}, {@code dateModified},
 * {@code occupancyModified}.
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>totalSpotNumber</td><td>total_spots</td><td>whole number ≥ 0</td></tr>
 *   <tr><td>availableSpotNumber (else total − occupied)</td><td>available_spots</td>
 *       <td>whole number ≥ 0, ≤ total</td></tr>
 *   <tr><td>occupiedSpotNumber (else total − available)</td><td>occupied_spots</td>
 *       <td>whole number ≥ 0, ≤ total</td></tr>
 *   <tr><td>occupancy (else occupied / total when total &gt; 0)</td><td>occupancy</td>
 *       <td>0..1</td></tr>
 *   <tr><td>status (text or list, joined with commas)</td><td>status</td><td>as reported</td></tr>
 * </table>
 *
 * Occupied + available may be less than total (spots out of service); that is not checked.
 */
final class OffStreetParkingExtractor implements EntityExtractor {

    static final OffStreetParkingExtractor INSTANCE = new OffStreetParkingExtractor();

    private static final ValidRange SPOTS = ValidRange.atLeast(0, "spots");
    private static final ValidRange FRACTION = ValidRange.closed(0, 1, "");

    private OffStreetParkingExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String lot = in.entityId();
        in.aboutSensor(lot);
        in.observedAt("dateObserved", "observationDateTime", "dateModified", "occupancyModified");
        Integer total = in.integer("totalSpotNumber", SPOTS);
        Integer available = in.integer("availableSpotNumber", SPOTS);
        Integer occupied = in.integer("occupiedSpotNumber", SPOTS);
        if (total != null) {
            atMostTotal(in, "availableSpotNumber", available, total);
            atMostTotal(in, "occupiedSpotNumber", occupied, total);
            if (occupied == null && available != null) {
                occupied = total - available;
            } else if (available == null && occupied != null) {
                available = total - occupied;
            }
        }
        Double occupancy = in.number("occupancy", FRACTION);
        if (occupancy == null && occupied != null && total != null && total > 0) {
            occupancy = occupied / (double) total;
        }
        return new ReadingValues(EntityType.OFF_STREET_PARKING, lot)
                .put("total_spots", total)
                .put("available_spots", available)
                .put("occupied_spots", occupied)
                .put("occupancy", occupancy)
                .put("status", in.textOrList("status"))
                .reading(in);
    }

    private static void atMostTotal(EntityReader in, String attribute, Integer spots, int total) {
        if (spots != null && spots > total) {
            throw in.reject(
                    RejectReason.OUT_OF_RANGE,
                    attribute + "=" + spots + " spots is above totalSpotNumber=" + total);
        }
    }
}
