package org.citylake.analytics.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.citylake.analytics.airquality.Iaqi;
import org.citylake.analytics.job.GroupAtEnd;
import org.citylake.analytics.profile.ProfilePart.Kind;

/**
 * Puts one segment's day together from its parts: the sums and weighted means of each domain, the
 * snapshot each domain was read from. A domain none of whose parts reached the segment that day
 * stays null. Pure: tested without Flink.
 */
final class StreetProfiles implements GroupAtEnd.Group<String, ProfilePart, ProfileRow> {

    private final ProfileNetwork network;
    private final Map<String, Long> snapshots;

    /**
     * @param snapshots table → the snapshot the run read it at
     */
    StreetProfiles(ProfileNetwork network, Map<String, Long> snapshots) {
        this.network = network;
        this.snapshots = Map.copyOf(snapshots);
    }

    @Override
    public void apply(String key, List<ProfilePart> parts, GroupAtEnd.Emitter<ProfileRow> out) {
        out.collect(profile(parts));
    }

    /**
     * Parts in one order whatever order they arrived in, so that sums of floating-point values (and
     * so a re-run's rows) are the same to the last bit.
     */
    static final Comparator<ProfilePart> ORDER =
            Comparator.comparing((ProfilePart p) -> p.kind)
                    .thenComparing(
                            p -> p.sourceId, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(p -> p.a, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(p -> p.b, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(p -> p.c, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(p -> p.flag);

    /** The profile of one segment's day from all its parts (at least one), in any order. */
    ProfileRow profile(List<ProfilePart> arrived) {
        List<ProfilePart> parts = new ArrayList<>(arrived);
        parts.sort(ORDER);
        ProfilePart first = parts.get(0);
        ProfileRow row = new ProfileRow();
        row.segmentId = first.segmentId;
        row.epochDay = first.epochDay;
        ProfileNetwork.Segment segment = network.segments().get(first.segmentId);
        if (segment != null) {
            row.segmentName = segment.name();
            row.roadClass = segment.roadClass();
            row.lengthM = segment.lengthM();
            row.geometryWkt = segment.wkt();
        }
        traffic(row, only(parts, Kind.TRAFFIC_HOUR));
        parking(row, only(parts, Kind.PARKING_LOT));
        lighting(row, only(parts, Kind.LIGHTING_SEGMENT), only(parts, Kind.LIGHTING_FAULT));
        waste(row, only(parts, Kind.WASTE_PICKUP));
        air(row, only(parts, Kind.AIR_DAY));
        return row;
    }

    private static List<ProfilePart> only(List<ProfilePart> parts, Kind kind) {
        return parts.stream().filter(p -> p.kind == kind).toList();
    }

    private void traffic(ProfileRow row, List<ProfilePart> hours) {
        if (hours.isEmpty()) {
            return;
        }
        long vehicles = 0;
        double flowTti = 0;
        double flow = 0;
        double peakFlowTti = 0;
        double peakFlow = 0;
        double delaySeconds = 0;
        int withTti = 0;
        for (ProfilePart h : hours) {
            vehicles += h.a.longValue();
            if (h.b == null || h.a <= 0) {
                continue;
            }
            withTti++;
            flowTti += h.a * h.b;
            flow += h.a;
            if (h.flag) {
                peakFlowTti += h.a * h.b;
                peakFlow += h.a;
            }
            if (h.c != null) {
                delaySeconds += h.a * (h.b - 1.0) * h.c;
            }
        }
        row.trafficVehicles = vehicles;
        row.trafficTti = flow > 0 ? flowTti / flow : null;
        row.trafficPeakTti = peakFlow > 0 ? peakFlowTti / peakFlow : null;
        row.trafficDelayVehicleHours = delaySeconds / 3600.0;
        row.trafficHours = withTti;
        row.trafficSnapshotId = snapshots.get(ProfileSources.CONGESTION);
    }

    private void parking(ProfileRow row, List<ProfilePart> lots) {
        if (lots.isEmpty()) {
            return;
        }
        TreeSet<String> ids = new TreeSet<>();
        Integer capacity = null;
        Double peak = null;
        for (ProfilePart p : lots) {
            ids.add(p.sourceId);
            if (p.a != null) {
                capacity = (capacity == null ? 0 : capacity) + p.a.intValue();
            }
            if (p.b != null) {
                peak = peak == null ? p.b : Math.max(peak, p.b);
            }
        }
        row.parkingLots = ids.size();
        row.parkingLotIds = String.join(",", ids);
        row.parkingCapacity = capacity;
        row.parkingPeakOccupancy = peak;
        row.parkingSnapshotId = snapshots.get(ProfileSources.PARKING_DAILY);
    }

    private void lighting(ProfileRow row, List<ProfilePart> lit, List<ProfilePart> faults) {
        if (lit.isEmpty() && faults.isEmpty()) {
            return;
        }
        if (!lit.isEmpty()) {
            double kwh = 0;
            double km = 0;
            int lamps = 0;
            for (ProfilePart p : lit) {
                kwh += p.a;
                km += p.b;
                lamps += p.c.intValue();
            }
            row.lightingLitSegments = lit.size();
            row.lightingLamps = lamps;
            row.lightingKwh = kwh;
            row.lightingLitKm = km;
            row.lightingKwhPerKm = km > 0 ? kwh / km : null;
            row.lightingSnapshotId = snapshots.get(ProfileSources.LIGHTING_ENERGY);
        }
        row.lightingFaults = faults.size();
        row.lightingFaultsSnapshotId = snapshots.get(ProfileSources.LIGHTING_FAULTS);
    }

    private void waste(ProfileRow row, List<ProfilePart> pickups) {
        if (pickups.isEmpty()) {
            return;
        }
        TreeSet<String> bins = new TreeSet<>();
        int overflows = 0;
        double kg = 0;
        for (ProfilePart p : pickups) {
            bins.add(p.sourceId);
            overflows += p.flag ? 1 : 0;
            kg += p.a == null ? 0 : p.a;
        }
        row.wasteBins = bins.size();
        row.wastePickups = pickups.size();
        row.wasteOverflows = overflows;
        row.wasteKg = kg;
        row.wasteSnapshotId = snapshots.get(ProfileSources.WASTE_COLLECTION);
    }

    private void air(ProfileRow row, List<ProfilePart> days) {
        if (days.isEmpty()) {
            return;
        }
        ProfilePart day = days.get(0); // one station per segment
        row.airStationId = day.sourceId;
        row.airStationDistanceM = day.c;
        row.airReadings = day.b.intValue();
        row.airPm25Mean = day.a;
        row.airIaqi = Iaqi.of(day.a);
        row.airSnapshotId = snapshots.get(ProfileSources.AIR_QUALITY);
    }
}
