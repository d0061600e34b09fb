package org.citylake.analytics.parking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * The garages' error sums of one city → one {@link ForecastSkill#ALL_LOTS} row, added in lot order,
 * so a re-run gives the same floating-point sums whatever order the garages arrive in (run by
 * {@link GroupAtEnd}, keyed by city).
 */
final class PoolSkill implements GroupAtEnd.Group<String, ForecastSkill, ForecastSkill> {

    @Override
    public void apply(String city, List<ForecastSkill> all, GroupAtEnd.Emitter<ForecastSkill> out) {
        List<ForecastSkill> lots = new ArrayList<>(all);
        lots.sort(Comparator.comparing(s -> s.lotId));
        ForecastSkill sum = new ForecastSkill(ForecastSkill.ALL_LOTS);
        for (ForecastSkill s : lots) {
            sum = ForecastSkill.plus(sum, s);
        }
        out.collect(sum);
    }
}
