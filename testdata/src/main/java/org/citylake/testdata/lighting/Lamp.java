package org.citylake.testdata.lighting;

/**
 * A street lamp ({@code ref.streetlights}).
 *
 * @param id {@code urn:ngsi-ld:Streetlight:<city>:<osm way id>-<n>}, n from 1 along the way
 * @param segmentId the {@link LitSegment} it lights
 * @param cabinetId the {@link Cabinet} feeding it
 * @param circuitId the cabinet's circuit it hangs on, {@code cab-NNNN/k}
 * @param technology LED or HPS
 * @param ratedPowerW system power at full output, W
 * @param lon longitude, WGS84
 * @param lat latitude, WGS84
 * @param roadClass the road class of its segment (decides its dimming)
 */
public record Lamp(
        String id,
        String segmentId,
        String cabinetId,
        String circuitId,
        Technology technology,
        double ratedPowerW,
        double lon,
        double lat,
        String roadClass) {}
