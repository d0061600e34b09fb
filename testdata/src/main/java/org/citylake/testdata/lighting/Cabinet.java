package org.citylake.testdata.lighting;

/**
 * A street-lighting control cabinet ({@code ref.streetlight_cabinets}): it switches its circuits by
 * one photocell and meters them.
 *
 * @param id {@code urn:ngsi-ld:StreetlightControlCabinet:<city>:cab-NNNN}, NNNN from 0001
 * @param name {@code cabinet NNNN}
 * @param lon longitude of the mean position of its lamps, WGS84
 * @param lat latitude of the mean position of its lamps, WGS84
 * @param districtId the district holding it, or null
 * @param circuits circuits it feeds (at most {@link InventorySettings#MAX_CIRCUITS_PER_CABINET})
 * @param lamps lamps it feeds
 */
public record Cabinet(
        String id,
        String name,
        double lon,
        double lat,
        String districtId,
        int circuits,
        int lamps) {}
