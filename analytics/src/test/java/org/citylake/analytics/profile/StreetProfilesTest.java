package org.citylake.analytics.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.job.GroupAtEnd;
import org.junit.jupiter.api.Test;

/** A segment's day put together from hand-built parts; the figures worked out by hand. */
class StreetProfilesTest {

    static final int DAY = 16300;
    static final Map<String, Long> SNAPSHOTS =
            Map.of(
                    ProfileSources.CONGESTION, 11L,
                    ProfileSources.PARKING_DAILY, 22L,
                    ProfileSources.LIGHTING_ENERGY, 33L,
                    ProfileSources.LIGHTING_FAULTS, 44L,
                    ProfileSources.WASTE_COLLECTION, 55L,
                    ProfileSources.AIR_QUALITY, 66L);

    static StreetProfiles profiles() {
        return new StreetProfiles(ProfileJoinsTest.town(), SNAPSHOTS);
    }

    @Test
    void aSegmentWithNothingButItselfHasNullDomains() {
        ProfileRow row = profiles().profile(List.of(ProfilePart.segment("s1", DAY)));
        assertThat(row.segmentId).isEqualTo("s1");
        assertThat(row.epochDay).isEqualTo(DAY);
        assertThat(row.segmentName).isEqualTo("First St");
        assertThat(row.lengthM).isEqualTo(300.0);
        assertThat(row.geometryWkt).startsWith("LINESTRING (10.");
        assertThat(row.trafficTti).isNull();
        assertThat(row.trafficSnapshotId).isNull();
        assertThat(row.parkingLots).isNull();
        assertThat(row.lightingFaults).isNull();
        assertThat(row.wastePickups).isNull();
        assertThat(row.airPm25Mean).isNull();
        assertThat(row.airSnapshotId).isNull();
    }

    @Test
    void trafficIsFlowWeightedOverTheDayAndThePeakHours() {
        // hour 1: 100 veh, TTI 1.2, 60 s free flow, off-peak
        // hour 2: 300 veh, TTI 2.0, 60 s, peak
        // hour 3:  50 veh, no TTI (counted as vehicles only), peak
        // hour 4:   0 veh, no TTI
        ProfileRow row =
                profiles()
                        .profile(
                                List.of(
                                        ProfilePart.segment("s1", DAY),
                                        ProfilePart.trafficHour("s1", DAY, 100, 1.2, 60.0, false),
                                        ProfilePart.trafficHour("s1", DAY, 300, 2.0, 60.0, true),
                                        ProfilePart.trafficHour("s1", DAY, 50, null, 60.0, true),
                                        ProfilePart.trafficHour("s1", DAY, 0, null, null, false)));
        assertThat(row.trafficVehicles).isEqualTo(450L);
        assertThat(row.trafficTti).isCloseTo((100 * 1.2 + 300 * 2.0) / 400, within(1e-12));
        assertThat(row.trafficPeakTti).isCloseTo(2.0, within(1e-12));
        // 100 x 0.2 x 60 s + 300 x 1.0 x 60 s = 19200 vehicle-seconds
        assertThat(row.trafficDelayVehicleHours).isCloseTo(19200 / 3600.0, within(1e-12));
        assertThat(row.trafficHours).isEqualTo(2);
        assertThat(row.trafficSnapshotId).isEqualTo(11L);
    }

    @Test
    void parkingLightingWasteAndAirGroups() {
        ProfileRow row =
                profiles()
                        .profile(
                                List.of(
                                        ProfilePart.parkingLot("s3", DAY, "B", 400, 0.75),
                                        ProfilePart.parkingLot("s3", DAY, "A2", 100, 0.95),
                                        ProfilePart.parkingLot("s3", DAY, "Z", null, null),
                                        ProfilePart.lightingSegment(
                                                "s3", DAY, "way/7", 6.0, 0.28, 9),
                                        ProfilePart.lightingSegment("s3", DAY, "s3", 12.0, 0.6, 18),
                                        ProfilePart.lightingFault("s3", DAY, "DAY_BURNER:lamp1"),
                                        ProfilePart.wastePickup("s3", DAY, "bin3", 12.5, false),
                                        ProfilePart.wastePickup("s3", DAY, "bin3", 20.0, true),
                                        ProfilePart.wastePickup("s3", DAY, "bin4", null, false),
                                        ProfilePart.airDay("s3", DAY, "W", 80.0, 24, 141.4)));
        assertThat(row.parkingLots).isEqualTo(3);
        assertThat(row.parkingLotIds).isEqualTo("A2,B,Z");
        assertThat(row.parkingCapacity).isEqualTo(500);
        assertThat(row.parkingPeakOccupancy).isEqualTo(0.95);
        assertThat(row.parkingSnapshotId).isEqualTo(22L);

        assertThat(row.lightingLitSegments).isEqualTo(2);
        assertThat(row.lightingLamps).isEqualTo(27);
        assertThat(row.lightingKwh).isCloseTo(18.0, within(1e-12));
        assertThat(row.lightingLitKm).isCloseTo(0.88, within(1e-12));
        assertThat(row.lightingKwhPerKm).isCloseTo(18.0 / 0.88, within(1e-12));
        assertThat(row.lightingFaults).isEqualTo(1);
        assertThat(row.lightingSnapshotId).isEqualTo(33L);
        assertThat(row.lightingFaultsSnapshotId).isEqualTo(44L);

        assertThat(row.wasteBins).isEqualTo(2);
        assertThat(row.wastePickups).isEqualTo(3);
        assertThat(row.wasteOverflows).isEqualTo(1);
        assertThat(row.wasteKg).isCloseTo(32.5, within(1e-12));
        assertThat(row.wasteSnapshotId).isEqualTo(55L);

        // HJ 633: 75..115 µg/m³ → IAQI 100..150; 80 → 100 + 50 x 5 / 40 = 106.25 → 107
        assertThat(row.airStationId).isEqualTo("W");
        assertThat(row.airPm25Mean).isEqualTo(80.0);
        assertThat(row.airReadings).isEqualTo(24);
        assertThat(row.airIaqi).isEqualTo(107);
        assertThat(row.airStationDistanceM).isEqualTo(141.4);
        assertThat(row.airSnapshotId).isEqualTo(66L);
    }

    @Test
    void faultsWithoutEnergyStillCountAndANightWithoutFaultsCountsZero() {
        ProfileRow faultsOnly =
                profiles()
                        .profile(
                                List.of(
                                        ProfilePart.lightingFault(
                                                "s2", DAY, "DARK_AT_NIGHT:lamp4")));
        assertThat(faultsOnly.lightingFaults).isEqualTo(1);
        assertThat(faultsOnly.lightingKwh).isNull();
        assertThat(faultsOnly.lightingSnapshotId).isNull();
        ProfileRow noFaults =
                profiles()
                        .profile(
                                List.of(ProfilePart.lightingSegment("s2", DAY, "s2", 3.0, 0.3, 9)));
        assertThat(noFaults.lightingFaults).isZero();
        assertThat(noFaults.lightingKwhPerKm).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void theOrderThePartsArriveInDoesNotChangeABit() {
        List<ProfilePart> parts = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            parts.add(
                    ProfilePart.trafficHour(
                            "s1", DAY, 37 + 11 * h, 1.0 + h / 7.0, 61.3 + h, h % 3 == 0));
        }
        ProfileRow forward = profiles().profile(parts);
        java.util.Collections.reverse(parts);
        ProfileRow backward = profiles().profile(parts);
        java.util.Collections.shuffle(parts, new java.util.Random(7));
        ProfileRow shuffled = profiles().profile(parts);
        for (ProfileRow other : List.of(backward, shuffled)) {
            assertThat(other.trafficTti).isEqualTo(forward.trafficTti);
            assertThat(other.trafficPeakTti).isEqualTo(forward.trafficPeakTti);
            assertThat(other.trafficDelayVehicleHours).isEqualTo(forward.trafficDelayVehicleHours);
        }
    }

    @Test
    void aStationsDayGoesToEachOfItsSegmentsWithTheirDistance() throws Exception {
        List<ProfilePart> readings =
                List.of(
                        ProfilePart.airDay(null, DAY, "W", 30.0, 1, 0),
                        ProfilePart.airDay(null, DAY, "W", 50.0, 1, 0),
                        ProfilePart.airDay(null, DAY, "W", 70.0, 1, 0));
        List<ProfilePart> out = new ArrayList<>();
        new AirDays(ProfileJoinsTest.town()).apply("W|" + DAY, readings, collecting(out));
        assertThat(out)
                .extracting(p -> p.segmentId, p -> p.sourceId, p -> p.a, p -> p.b)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("s1", "W", 50.0, 3.0),
                        org.assertj.core.groups.Tuple.tuple("s3", "W", 50.0, 3.0));
        assertThat(out).allSatisfy(p -> assertThat(p.c).isCloseTo(141.4, within(0.5)));
    }

    static <T> GroupAtEnd.Emitter<T> collecting(List<T> out) {
        return new GroupAtEnd.Emitter<>() {
            @Override
            public void collect(T value) {
                out.add(value);
            }

            @Override
            public <X> void output(OutputTag<X> tag, X value) {
                throw new AssertionError("no side output expected");
            }
        };
    }
}
