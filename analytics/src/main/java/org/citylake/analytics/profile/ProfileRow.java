package org.citylake.analytics.profile;

import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/** One row of {@code gold.street_profile} (without the city). A Flink POJO. */
public final class ProfileRow {
    public String segmentId;
    public int epochDay;
    public String segmentName;
    public String roadClass;
    public Double lengthM;
    public String geometryWkt;

    public Long trafficVehicles;
    public Double trafficTti;
    public Double trafficPeakTti;
    public Double trafficDelayVehicleHours;
    public Integer trafficHours;
    public Long trafficSnapshotId;

    public Integer parkingLots;
    public String parkingLotIds;
    public Integer parkingCapacity;
    public Double parkingPeakOccupancy;
    public Long parkingSnapshotId;

    public Integer lightingLitSegments;
    public Integer lightingLamps;
    public Double lightingKwh;
    public Double lightingLitKm;
    public Double lightingKwhPerKm;
    public Integer lightingFaults;
    public Long lightingSnapshotId;
    public Long lightingFaultsSnapshotId;

    public Integer wasteBins;
    public Integer wastePickups;
    public Integer wasteOverflows;
    public Double wasteKg;
    public Long wasteSnapshotId;

    public String airStationId;
    public Double airStationDistanceM;
    public Integer airReadings;
    public Double airPm25Mean;
    public Integer airIaqi;
    public Long airSnapshotId;

    public ProfileRow() {}

    /** The row of {@code gold.street_profile}, in its column order. */
    RowData toRowData(String city) {
        return GenericRowData.of(
                text(city),
                epochDay,
                text(segmentId),
                text(segmentName),
                text(roadClass),
                lengthM,
                text(geometryWkt),
                trafficVehicles,
                trafficTti,
                trafficPeakTti,
                trafficDelayVehicleHours,
                trafficHours,
                trafficSnapshotId,
                parkingLots,
                text(parkingLotIds),
                parkingCapacity,
                parkingPeakOccupancy,
                parkingSnapshotId,
                lightingLitSegments,
                lightingLamps,
                lightingKwh,
                lightingLitKm,
                lightingKwhPerKm,
                lightingFaults,
                lightingSnapshotId,
                lightingFaultsSnapshotId,
                wasteBins,
                wastePickups,
                wasteOverflows,
                wasteKg,
                wasteSnapshotId,
                text(airStationId),
                airStationDistanceM,
                airReadings,
                airPm25Mean,
                airIaqi,
                airSnapshotId);
    }

    private static StringData text(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    @Override
    public String toString() {
        return segmentId + "@" + epochDay + " tti=" + trafficTti + " peak=" + trafficPeakTti;
    }
}
