package org.citylake.analytics.profile;

import java.util.List;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * A station's PM2.5 readings of one day → the day's mean, handed to every road segment that takes
 * its air from the station ({@link ProfileNetwork#segmentsOfStation}). Pure: tested without Flink.
 */
final class AirDays implements GroupAtEnd.Group<String, ProfilePart, ProfilePart> {

    private final ProfileNetwork network;

    AirDays(ProfileNetwork network) {
        this.network = network;
    }

    @Override
    public void apply(String key, List<ProfilePart> readings, GroupAtEnd.Emitter<ProfilePart> out) {
        if (readings.isEmpty()) {
            return;
        }
        String station = readings.get(0).sourceId;
        int day = readings.get(0).epochDay;
        double mean = readings.stream().mapToDouble(p -> p.a).average().orElseThrow();
        for (SegmentIndex.Match segment : network.segmentsOfStation(station)) {
            out.collect(
                    ProfilePart.airDay(
                            segment.id(),
                            day,
                            station,
                            mean,
                            readings.size(),
                            segment.distanceM()));
        }
    }
}
